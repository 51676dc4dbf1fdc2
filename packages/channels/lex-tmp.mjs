import { Lexer } from "marked";
const src = process.argv[2];
console.log(JSON.stringify(Lexer.lex(src, { gfm: true }), null, 1));
