/* wordbreak.c - see wordbreak.h.  The rules are UAX #29's as ICU 72
 * applies them; which of them can fire is limited by the simple set. */
#include "wordbreak.h"

/*
 * Word break classes of the simple set.  Single_Quote (') acts as
 * MidNumLet and Double_Quote (") as Other: they differ only next to Hebrew
 * letters, which are not simple.  Extended_Pictographic (U+00A9, U+00AE)
 * matters only after a zero width joiner, which is not simple either.
 */
enum cls {
  OT, /* Other: no rule joins it to anything */
  LE, /* ALetter */
  NU, /* Numeric */
  ML, /* MidLetter: between letters (WB6, WB7) */
  MB, /* MidNumLet and Single_Quote: between letters or digits */
  MN, /* MidNum: between digits (WB11, WB12) */
  EX, /* ExtendNumLet: joins letters, digits and itself (WB13a, WB13b) */
  SP, /* WSegSpace: runs stay together (WB3d) */
  CR,
  LF,
  NL, /* Newline: VT, FF */
  XX  /* not in the simple set */
};

/* ICU's classes of ASCII: '@' is a letter in ICU's rules, ':' is not
 * MidLetter there, and tab is not WSegSpace. */
static const unsigned char ascii_class[128] = {
    /* 0x00 */ OT, OT, OT, OT, OT, OT, OT, OT, OT, OT, LF, NL, NL, CR, OT, OT,
    /* 0x10 */ OT, OT, OT, OT, OT, OT, OT, OT, OT, OT, OT, OT, OT, OT, OT, OT,
    /* 0x20  !"#$%&'()*+,-./ */
    SP, OT, OT, OT, OT, OT, OT, MB, OT, OT, OT, OT, MN, OT, MB, OT,
    /* 0x30 0-9:;<=>? */
    NU, NU, NU, NU, NU, NU, NU, NU, NU, NU, OT, MN, OT, OT, OT, OT,
    /* 0x40 @A-O */
    LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE,
    /* 0x50 P-Z[\]^_ */
    LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, OT, OT, OT, OT, EX,
    /* 0x60 `a-o */
    OT, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE,
    /* 0x70 p-z{|}~ DEL */
    LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, OT, OT, OT, OT, OT};

/* U+0080-U+07FF */
static int class2(unsigned cp) {
  if (cp < 0xA0 || cp > 0x24F || cp == 0xAD)
    return XX; /* C1 controls (NEL is a line break), soft hyphen */
  if (cp >= 0xC0)
    return cp == 0xD7 || cp == 0xF7 ? OT : LE;
  if (cp == 0xAA || cp == 0xB5 || cp == 0xBA)
    return LE;
  return cp == 0xB7 ? ML : OT;
}

/* U+0800-U+FFFF */
static int class3(unsigned cp) {
  if (cp >= 0x2010 && cp <= 0x2027) {
    if (cp == 0x2018 || cp == 0x2019 || cp == 0x2024)
      return MB;
    return cp == 0x2027 ? ML : OT;
  }
  if (cp >= 0x20A0 && cp <= 0x20C0)
    return OT;
  return cp >= 0xFB00 && cp <= 0xFB06 ? LE : XX;
}

/* Class of the code point at s[i..n) and its length in bytes; a malformed
 * sequence is XX like any code point outside the simple set. */
static inline int class_at(const unsigned char *s, size_t n, size_t i,
                           size_t *len) {
  unsigned b = s[i];
  *len = 1;
  if (b < 0x80)
    return ascii_class[b];
  if (b >= 0xC2 && b <= 0xDF) {
    if (i + 1 < n && (s[i + 1] & 0xC0) == 0x80) {
      *len = 2;
      return class2((b & 0x1Fu) << 6 | (s[i + 1] & 0x3Fu));
    }
  } else if (b >= 0xE0 && b <= 0xEF) {
    if (i + 2 < n && (s[i + 1] & 0xC0) == 0x80 &&
        (s[i + 2] & 0xC0) == 0x80) {
      unsigned cp = (b & 0x0Fu) << 12 | (s[i + 1] & 0x3Fu) << 6 |
                    (s[i + 2] & 0x3Fu);
      *len = 3;
      return cp >= 0x800 ? class3(cp) : XX;
    }
  }
  return XX;
}

size_t wordbreak_line(const char *str, size_t n, size_t *units,
                      int *simple) {
  const unsigned char *s = (const unsigned char *)str;
  size_t i = 0, u = 0;
  int ok = 1;
  while (i < n) {
    unsigned b = s[i];
    size_t l;
    if (b < 0x80) {
      i++;
      u++;
      if (b >= '\n' && b <= '\r') { /* LF, VT, FF, CR */
        if (b == '\r' && i < n && s[i] == '\n') {
          i++;
          u++;
        }
        break;
      }
      continue;
    }
    if (ok && class_at(s, n, i, &l) != XX) {
      i += l;
      u++; /* all of the simple set is in the BMP */
      continue;
    }
    /* Outside the simple set: count the units of ICU's UTF-16 copy, one
     * per lead byte, two for a four-byte sequence. */
    ok = 0;
    if ((b & 0xC0) != 0x80)
      u += b >= 0xF0 ? 2 : 1;
    i++;
  }
  *units = u;
  *simple = ok;
  return i;
}

size_t wordbreak_next(const char *str, size_t n, size_t i, size_t *units,
                      int *status) {
  const unsigned char *s = (const unsigned char *)str;
  size_t j, l, u = 1;
  int c = class_at(s, n, i, &l), last, before;
  j = i + l;
  *status = WORDBREAK_NONE;
  if (c == CR) { /* WB3 */
    if (j < n && s[j] == '\n') {
      j++;
      u++;
    }
  } else if (c == SP) { /* WB3d */
    while (j < n && s[j] == ' ') {
      j++;
      u++;
    }
  } else if (c == LE || c == NU || c == EX) {
    /*
     * Letters, digits and '_' join each other (WB5, WB8-WB10, WB13a,
     * WB13b); a MidLetter, MidNumLet or MidNum joins two letters or two
     * digits, as WB6/WB7 and WB11/WB12 allow.
     */
    last = c;
    before = -1;
    while (j < n) {
      size_t l2;
      int d;
      c = class_at(s, n, j, &l);
      if (c == LE || c == NU || c == EX) {
        before = last;
        last = c;
        j += l;
        u++;
        continue;
      }
      if (c != ML && c != MB && c != MN)
        break;
      if (j + l >= n)
        break;
      d = class_at(s, n, j + l, &l2);
      if (!(last == LE && d == LE && c != MN) &&
          !(last == NU && d == NU && c != ML))
        break;
      before = c;
      last = d;
      j += l + l2;
      u += 2;
    }
    /*
     * ICU's status follows the last character: a letter 200, a digit 100;
     * a final '_' takes it from the rule that joined it (WB13a: 100 after
     * a digit, 200 after a letter or '_'), and a lone '_' has none.
     */
    if (last == LE)
      *status = WORDBREAK_LETTER;
    else if (last == NU)
      *status = WORDBREAK_NUMBER;
    else if (before == NU)
      *status = WORDBREAK_NUMBER;
    else if (before != -1)
      *status = WORDBREAK_LETTER;
  }
  *units = u;
  return j;
}
