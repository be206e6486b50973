/* main.c - placeholder front end until the PC issue lands. */
#include <stdio.h>
int main(void) { puts("tick86"); return 0; }
