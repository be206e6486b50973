/* size_tmpl_end.h - closes a size template (see size_tmpl.h). */
#undef HN
#undef BITS
#undef MASK
#undef MSB
#undef SX
#undef RD_R
#undef WR_R
#undef RD_M
#undef WR_M
#undef HNX
#undef SZN
#undef OSZ
