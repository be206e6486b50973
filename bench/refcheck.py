#!/usr/bin/python3
"""refcheck.py - run bench workloads on Unicorn (QEMU's CPU core) for reference.

Loads each flat binary the way build/bench does (physical 1000h, CS=0,
IP=1000h, SS:SP=0:9000h), runs it to its HLT and prints the checksum it
leaves at 0:0500h next to the one its "CSUM" trailer expects. Use it after
changing a workload: put the printed value into the CSUM_TRAILER line.

Needs Debian's python3-unicorn; not run by make.

usage: bench/refcheck.py build/bench/*.bin
"""
import struct
import sys

from unicorn import Uc, UcError, UC_ARCH_X86, UC_MODE_16
from unicorn.x86_const import (UC_X86_REG_CS, UC_X86_REG_DS, UC_X86_REG_ES,
                               UC_X86_REG_SS, UC_X86_REG_SP, UC_X86_REG_IP,
                               UC_X86_REG_EFLAGS)


def run(path):
    data = open(path, 'rb').read()
    mu = Uc(UC_ARCH_X86, UC_MODE_16)
    mu.mem_map(0, 1 << 20)
    mu.mem_write(0x1000, data)
    for reg in (UC_X86_REG_CS, UC_X86_REG_DS, UC_X86_REG_ES, UC_X86_REG_SS):
        mu.reg_write(reg, 0)
    mu.reg_write(UC_X86_REG_SP, 0x9000)
    mu.reg_write(UC_X86_REG_EFLAGS, 0x0002)
    # Unicorn stops at HLT (it has no interrupt to wait for).
    try:
        mu.emu_start(0x1000, 1 << 20)
    except UcError as e:
        ip = mu.reg_read(UC_X86_REG_IP)
        if mu.mem_read(ip - 1, 1) != b'\xf4' and mu.mem_read(ip, 1) != b'\xf4':
            raise RuntimeError('%s: %s at IP=%04x' % (path, e, ip))
    got = struct.unpack('<I', mu.mem_read(0x500, 4))[0]
    exp = None
    if len(data) >= 8 and data[-8:-4] == b'CSUM':
        exp = struct.unpack('<I', data[-4:])[0]
    line = '%-24s checksum %08x' % (path, got)
    line += '  trailer %s' % ('none' if exp is None else '%08x' % exp)
    line += '  ok' if exp == got else '  DIFFERS'
    print(line)
    return exp == got


def main(argv):
    if not argv:
        sys.stderr.write(__doc__)
        return 2
    ok = True
    for p in argv:
        ok = run(p) and ok
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
