/* pc_roms.h - the ROM images built into tick86: our system BIOS
 * (bios/bios.asm) and VGA BIOS (bios/vgabios.asm), assembled by make and
 * turned into C arrays by bios/rom2c.c (build/bios/roms.c). */
#ifndef TICK86_PC_ROMS_H
#define TICK86_PC_ROMS_H
#include <stddef.h>
#include <stdint.h>
extern const uint8_t pc_rom_bios[];
extern const size_t pc_rom_bios_len;
extern const uint8_t pc_rom_vgabios[];
extern const size_t pc_rom_vgabios_len;
#endif
