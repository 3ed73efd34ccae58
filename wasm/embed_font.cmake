# cmake -DIN=font.ttf -DOUT=ui_font.h -P embed_font.cmake: the font as a C array.
file(READ "${IN}" hex HEX)
string(LENGTH "${hex}" n)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" bytes "${bytes}")
math(EXPR size "${n} / 2")
file(WRITE "${OUT}.tmp" "// Generated from wasm/fonts/ui.ttf by wasm/embed_font.cmake. Do not edit.\n"
  "static const unsigned char ui_ttf[${size}] = {\n${bytes}};\n")
file(RENAME "${OUT}.tmp" "${OUT}")
