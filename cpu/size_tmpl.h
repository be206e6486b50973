/* size_tmpl.h - opens a size template. Define OSZ (8, 16 or 32), include
 * this, write the handlers once with the macros below, include
 * size_tmpl_end.h. Handler names come from HN(): see cpu_impl.h. */
#if OSZ == 8
#define HN(b, v, f) b##_##f
#define BITS 8
#define MASK 0xFFu
#define MSB 0x80u
#define SX(x) sx8(x)
#define RD_R(n) r8(c, (n))
#define WR_R(n, x) w8(c, (n), (x))
#define RD_M(s, o) rd8(c, (s), (o))
#define WR_M(s, o, x) wr8(c, (s), (o), (x))
#elif OSZ == 16
#define HN(b, v, f) GLUE3(v, _, f##16)
#define BITS 16
#define MASK 0xFFFFu
#define MSB 0x8000u
#define SX(x) sx16(x)
#define RD_R(n) r16(c, (n))
#define WR_R(n, x) w16(c, (n), (x))
#define RD_M(s, o) rd16(c, (s), (o))
#define WR_M(s, o, x) wr16(c, (s), (o), (x))
#elif OSZ == 32
#define HN(b, v, f) GLUE3(v, _, f##32)
#define BITS 32
#define MASK 0xFFFFFFFFu
#define MSB 0x80000000u
#define SX(x) ((uint32_t)(x))
#define RD_R(n) r32(c, (n))
#define WR_R(n, x) w32(c, (n), (x))
#define RD_M(s, o) rd32(c, (s), (o))
#define WR_M(s, o, x) wr32(c, (s), (o), (x))
#else
#error "OSZ must be 8, 16 or 32"
#endif

/* HNX(b, v): a handler without a register/memory form suffix (X/XV rows). */
#if OSZ == 8
#define HNX(b, v) b
#else
#define HNX(b, v) GLUE3(v, _, OSZ)
#endif
/* SZN(n): a size-specific helper name, n_8 / n_16 / n_32. */
#define SZN(n) GLUE3(n, _, OSZ)
