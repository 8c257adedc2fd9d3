// The parser: builds the syntax tree of one file, reporting syntax errors
// with Go's wording. It accepts the whole Go grammar it knows about; the
// type checker decides what the subset supports.

import type * as N from "./nodes.js";
import { finishDiagnostics, type Diagnostic, type Pos } from "./pos.js";
import { PRECEDENCE, Scanner, type Token } from "./scanner.js";

export interface ParseResult {
  /** The syntax tree (possibly partial when there are errors). */
  file: N.File;
  /** Syntax errors, sorted, at most one per line as Go reports them. */
  errors: Diagnostic[];
}

/** Parses one Go source file. */
export function parseFile(filename: string, src: string): ParseResult {
  const p = new Parser(filename, src);
  const file = p.fileOrNil();
  return { file, errors: finishDiagnostics(p.errors) };
}

class BailOut extends Error {}

/** Statement-starting keywords used to resynchronise after an error. */
const STMT_KEYWORDS: ReadonlySet<Token> = new Set<Token>([
  "break", "const", "continue", "defer", "fallthrough", "for", "go", "goto", "if", "return", "select", "switch", "type", "var",
]);

class Parser {
  readonly errors: Diagnostic[] = [];
  private readonly s: Scanner;
  private lastErrorLine = -1;
  /** Expression nesting: composite literals are allowed only when >= 0 (not in if/for/switch headers). */
  private xnest = 0;

  constructor(filename: string, src: string) {
    this.s = new Scanner(filename, src, (pos, msg) => this.errorAt(pos, msg));
    this.s.next();
  }

  // ------------------------------------------------------------ tokens and errors

  /** The current token (a method, so that comparisons are not narrowed across next()). */
  private tok(): Token {
    return this.s.tok;
  }

  private pos(): Pos {
    return this.s.pos;
  }

  private next(): void {
    this.s.next();
  }

  private got(tok: Token): boolean {
    if (this.tok() === tok) {
      this.next();
      return true;
    }
    return false;
  }

  private want(tok: Token): void {
    if (!this.got(tok)) {
      this.syntaxError(`expecting ${tokstring(tok)}`);
      this.advance();
    }
  }

  private errorAt(pos: Pos, msg: string): void {
    if (pos.line === this.lastErrorLine && msg.startsWith("syntax error")) return;
    this.lastErrorLine = pos.line;
    this.errors.push({ pos, msg });
    if (this.errors.length > 100) throw new BailOut();
  }

  /** Reports a Go construct outside the supported subset at the current token. */
  private notSupported(feature: string): void {
    this.errorAt(this.pos(), `${feature} not supported`);
  }

  private syntaxError(msg: string): void {
    this.syntaxErrorAt(this.pos(), msg);
  }

  private syntaxErrorAt(pos: Pos, msg: string): void {
    if (msg.startsWith("expecting ")) msg = ", " + msg;
    else if (/^(in |at |after )/.test(msg)) msg = " " + msg;
    else if (msg !== "") {
      this.errorAt(pos, "syntax error: " + msg);
      return;
    }
    this.errorAt(pos, `syntax error: unexpected ${this.currentTokenString()}${msg}`);
  }

  private currentTokenString(): string {
    const s = this.s;
    switch (s.tok) {
      case "name":
      case ";":
        return s.lit;
      case "literal":
        return "literal " + s.lit;
      case "op":
      case "*":
        return s.op;
      case "assignop":
        return s.op + "=";
      case "incop":
        return s.op + s.op;
      default:
        return tokstring(s.tok);
    }
  }

  /** Skips tokens until one in followlist or a statement keyword (always makes progress). */
  private advance(...followlist: Token[]): void {
    const stop = new Set<Token>(followlist);
    if (followlist.length === 0) {
      this.next();
      return;
    }
    while (this.tok() !== "EOF" && !stop.has(this.tok()) && !STMT_KEYWORDS.has(this.tok())) this.next();
  }

  // ------------------------------------------------------------ files and declarations

  fileOrNil(): N.File {
    const pos = this.pos();
    const file: N.File = { kind: "File", pos, pkgName: this.name0(pos, "_"), declList: [], eof: pos };
    try {
      this.parseFileBody(file);
    } catch (e) {
      if (!(e instanceof BailOut)) throw e;
    }
    file.eof = this.pos();
    return file;
  }

  private parseFileBody(file: N.File): void {
    if (!this.got("package")) {
      this.syntaxError("package statement must be first");
      return;
    }
    file.pkgName = this.name();
    this.want(";");
    while (this.tok() === "import") {
      this.next();
      this.appendGroup(file.declList, (g) => this.importDecl(g));
      this.declEnd();
    }
    while (this.tok() !== "EOF") {
      this.topLevelDecl(file);
    }
  }

  private topLevelDecl(file: N.File): void {
    switch (this.tok()) {
      case "const":
        this.next();
        this.constGroup(file.declList);
        break;
      case "type":
        this.next();
        this.appendGroup(file.declList, (g) => this.typeDecl(g));
        break;
      case "var":
        this.next();
        this.appendGroup(file.declList, (g) => this.varDecl(g));
        break;
      case "func": {
        this.next();
        const f = this.funcDeclOrNil();
        if (f) file.declList.push(f);
        break;
      }
      case "import":
        this.syntaxError("imports must appear before other declarations");
        this.next();
        this.appendGroup(file.declList, (g) => this.importDecl(g));
        break;
      default: {
        const msg = this.tok() === "{" && file.declList.at(-1)?.kind === "FuncDecl" ? "unexpected semicolon or newline before {" : "non-declaration statement outside function body";
        this.syntaxError(msg);
        this.advance("const", "type", "var", "func", "import");
        if (this.tok() !== "EOF" && !["const", "type", "var", "func", "import"].includes(this.tok())) this.next();
        return;
      }
    }
    this.declEnd();
  }

  private declEnd(): void {
    if (this.tok() !== "EOF" && !this.got(";")) {
      this.syntaxError("after top level declaration");
      this.advance("const", "type", "var", "func", "import");
    }
  }

  /** Parses `spec` or `( spec; spec; ... )`. */
  private appendGroup<D extends N.Decl>(list: N.Decl[], spec: (g: N.Group | null) => D | null): void {
    if (this.tok() === "(") {
      const g: N.Group = { pos: this.pos() };
      this.next();
      while (this.tok() !== "EOF" && this.tok() !== ")") {
        const d = spec(g);
        if (d) list.push(d);
        if (!this.got(";") && this.tok() !== ")") {
          this.syntaxError("expecting semicolon, newline, or )");
          this.advance(")", ";");
          this.got(";");
        }
      }
      this.want(")");
      return;
    }
    const d = spec(null);
    if (d) list.push(d);
  }

  private constGroup(list: N.Decl[]): void {
    let iota = 0;
    this.appendGroup(list, (g) => this.constDecl(g, g ? iota++ : 0));
  }

  private importDecl(group: N.Group | null): N.ImportDecl {
    const pos = this.pos();
    let localPkgName: N.Name | null = null;
    if (this.tok() === "name") localPkgName = this.name();
    else if (this.tok() === ".") {
      localPkgName = this.name0(this.pos(), ".");
      this.next();
    }
    const pathPos = this.pos();
    let path: N.BasicLit;
    if (this.tok() === "literal" && this.s.litKind === "string") {
      path = this.basicLit();
    } else {
      this.syntaxError("missing import path; require quoted string");
      path = { kind: "BasicLit", pos: pathPos, value: '""', litKind: "string", bad: true };
      this.advance(";", ")");
    }
    return { kind: "ImportDecl", pos, localPkgName, path, group };
  }

  private constDecl(group: N.Group | null, iota: number): N.ConstDecl {
    const pos = this.pos();
    const nameList = this.nameList();
    let type: N.Expr | null = null;
    let values: N.Expr[] = [];
    if (this.tok() !== "EOF" && this.tok() !== ";" && this.tok() !== ")") {
      type = this.typeOrNil();
      if (this.got("=")) values = this.exprList();
    }
    return { kind: "ConstDecl", pos, nameList, type, values, iota, group };
  }

  private typeDecl(group: N.Group | null): N.TypeDecl {
    const pos = this.pos();
    const name = this.name();
    const alias = this.got("=");
    if (this.tok() === "[") {
      this.notSupported("type parameters");
    }
    let type = this.typeOrNil();
    if (!type) {
      this.syntaxError("in type declaration");
      type = this.badExpr();
      this.advance(";", ")");
    }
    return { kind: "TypeDecl", pos, name, alias, type, group };
  }

  private varDecl(group: N.Group | null): N.VarDecl {
    const pos = this.pos();
    const nameList = this.nameList();
    let type: N.Expr | null = null;
    let values: N.Expr[] = [];
    if (this.got("=")) {
      values = this.exprList();
    } else {
      type = this.type_();
      if (this.got("=")) values = this.exprList();
    }
    return { kind: "VarDecl", pos, nameList, type, values, group };
  }

  private funcDeclOrNil(): N.FuncDecl | null {
    const pos = this.pos();
    let recv: N.Field | null = null;
    if (this.tok() === "(") {
      const rpos = this.pos();
      const rl = this.paramList(true);
      if (rl.length === 1) recv = rl[0]!;
      else this.errorAt(rpos, rl.length === 0 ? "method has no receiver" : "method has multiple receivers");
      if (rl.length > 1) recv = rl[0]!;
    }
    if (this.tok() !== "name") {
      this.syntaxError("expecting name or (");
      this.advance("{", ";");
      return null;
    }
    const name = this.name();
    if (this.tok() === "[") this.notSupported("type parameters");
    const type = this.funcType(pos);
    let body: N.BlockStmt | null = null;
    if (this.tok() === "{") {
      this.xnest++;
      body = this.funcBody();
      this.xnest--;
    }
    return { kind: "FuncDecl", pos, recv, name, type, body };
  }

  private funcBody(): N.BlockStmt {
    const saved = this.xnest;
    this.xnest = 0;
    const b = this.blockStmt("");
    this.xnest = saved;
    return b;
  }

  // ------------------------------------------------------------ expressions

  private expr(): N.Expr {
    return this.binaryExpr(null, 0);
  }

  private exprList(): N.Expr[] {
    const list = [this.expr()];
    while (this.got(",")) list.push(this.expr());
    return list;
  }

  private binaryExpr(x: N.Expr | null, prec: number): N.Expr {
    let left = x ?? this.unaryExpr();
    while ((this.tok() === "op" || this.tok() === "*") && (PRECEDENCE[this.s.op] ?? 0) > prec) {
      const pos = this.pos();
      const op = this.s.op;
      const tprec = PRECEDENCE[op]!;
      this.next();
      const y = this.binaryExpr(null, tprec);
      left = { kind: "Operation", pos, op, x: left, y };
    }
    return left;
  }

  private unaryExpr(): N.Expr {
    const pos = this.pos();
    if (this.tok() === "op" || this.tok() === "*") {
      const op = this.s.op;
      if (["+", "-", "!", "^", "&", "*", "~"].includes(op)) {
        this.next();
        return { kind: "Operation", pos, op, x: this.unaryExpr(), y: null };
      }
    }
    if (this.tok() === "<-") {
      this.next();
      const x = this.unaryExpr();
      if (x.kind === "ChanType") return { kind: "ChanType", pos, dir: "recv", elem: x.elem };
      return { kind: "Operation", pos, op: "<-", x, y: null };
    }
    return this.pexpr();
  }

  private operand(): N.Expr {
    const pos = this.pos();
    switch (this.tok()) {
      case "name":
        return this.name();
      case "literal":
        return this.basicLit();
      case "(": {
        this.next();
        this.xnest++;
        const x = this.expr();
        this.xnest--;
        this.want(")");
        return { kind: "ParenExpr", pos, x };
      }
      case "func": {
        this.next();
        const ftyp = this.funcType(pos);
        if (this.tok() === "{") {
          this.xnest++;
          const body = this.funcBody();
          this.xnest--;
          return { kind: "FuncLit", pos, type: ftyp, body };
        }
        return ftyp;
      }
      case "[":
      case "chan":
      case "map":
      case "struct":
      case "interface":
        return this.typeOrNil()!;
      default: {
        this.syntaxError("expecting expression");
        this.advance(")", "]", "}", ";", ",");
        return this.badExprAt(pos);
      }
    }
  }

  private pexpr(): N.Expr {
    let x = this.operand();
    for (;;) {
      const pos = this.pos();
      switch (this.tok()) {
        case ".":
          x = this.dotSuffix(pos, x);
          continue;
        case "[":
          x = this.indexSuffix(pos, x);
          continue;
        case "(": {
          this.next();
          const { list, hasDots } = this.argList();
          x = { kind: "CallExpr", pos, fun: x, argList: list, hasDots };
          continue;
        }
        case "{":
          if (this.complitAllowed(x)) {
            x = this.complitexpr(x);
            continue;
          }
          return x;
        default:
          return x;
      }
    }
  }

  private dotSuffix(pos: Pos, x: N.Expr): N.Expr {
    this.next();
    if (this.tok() === "name") {
      return { kind: "SelectorExpr", pos, x, sel: this.name() };
    }
    if (this.tok() === "(") {
      this.next();
      if (this.got("type")) {
        this.want(")");
        return { kind: "TypeSwitchGuard", pos, lhs: null, x };
      }
      const t = this.type_();
      this.want(")");
      return { kind: "AssertExpr", pos, x, assertType: t };
    }
    this.syntaxError("expecting name or (");
    this.advance(";", "}");
    return x;
  }

  private indexSuffix(pos: Pos, x: N.Expr): N.Expr {
    this.next();
    this.xnest++;
    const index: [N.Expr | null, N.Expr | null, N.Expr | null] = [null, null, null];
    if (this.tok() !== ":") {
      index[0] = this.expr();
      if (this.got("]")) {
        this.xnest--;
        return { kind: "IndexExpr", pos, x, index: index[0] };
      }
      if (this.tok() === ",") {
        this.notSupported("type parameters");
        this.advance("]");
        this.got("]");
        this.xnest--;
        return this.badExprAt(pos);
      }
    }
    let full = false;
    this.want(":");
    if (this.tok() !== ":" && this.tok() !== "]") index[1] = this.expr();
    if (this.got(":")) {
      full = true;
      if (this.tok() === "]") this.errorAt(this.pos(), "final index required in 3-index slice");
      else index[2] = this.expr();
    }
    this.xnest--;
    this.want("]");
    return { kind: "SliceExpr", pos, x, index, full };
  }

  private complitAllowed(x: N.Expr): boolean {
    const t = unparen(x);
    switch (t.kind) {
      case "Name":
      case "SelectorExpr":
        return this.xnest >= 0;
      case "ArrayType":
      case "SliceType":
      case "StructType":
      case "MapType":
        return true;
      default:
        return false;
    }
  }

  private complitexpr(type: N.Expr | null): N.CompositeLit {
    const pos = this.pos();
    this.want("{");
    this.xnest++;
    const lit: N.CompositeLit = { kind: "CompositeLit", pos, type, elemList: [], nkeys: 0, rbrace: pos };
    while (this.tok() !== "EOF" && this.tok() !== "}") {
      const e = this.bare_complitexpr();
      if (this.tok() === ":") {
        const kpos = this.pos();
        this.next();
        lit.elemList.push({ kind: "KeyValueExpr", pos: kpos, key: e, value: this.bare_complitexpr() });
        lit.nkeys++;
      } else {
        lit.elemList.push(e);
      }
      if (!this.got(",") && this.tok() !== "}") {
        this.syntaxError("in composite literal; possibly missing comma or }");
        this.advance("}");
        break;
      }
    }
    lit.rbrace = this.pos();
    this.xnest--;
    this.want("}");
    return lit;
  }

  private bare_complitexpr(): N.Expr {
    if (this.tok() === "{") return this.complitexpr(null);
    return this.expr();
  }

  private argList(): { list: N.Expr[]; hasDots: boolean } {
    this.xnest++;
    const list: N.Expr[] = [];
    let hasDots = false;
    while (this.tok() !== "EOF" && this.tok() !== ")") {
      list.push(this.expr());
      hasDots = this.got("...");
      if (!this.got(",") && this.tok() !== ")") {
        this.syntaxError("in argument list; possibly missing comma or )");
        this.advance(")");
        break;
      }
    }
    this.xnest--;
    this.want(")");
    return { list, hasDots };
  }

  // ------------------------------------------------------------ types

  private type_(): N.Expr {
    const t = this.typeOrNil();
    if (t) return t;
    const pos = this.pos();
    this.syntaxError("expecting type");
    this.advance(",", ")", "]", "}", ";");
    return this.badExprAt(pos);
  }

  private typeOrNil(): N.Expr | null {
    const pos = this.pos();
    switch (this.tok()) {
      case "*":
        this.next();
        return { kind: "Operation", pos, op: "*", x: this.type_(), y: null };
      case "<-":
        this.next();
        this.want("chan");
        return { kind: "ChanType", pos, dir: "recv", elem: this.chanElem() };
      case "func":
        this.next();
        return this.funcType(pos);
      case "[":
        return this.arrayOrSliceType(pos);
      case "chan": {
        this.next();
        const dir = this.got("<-") ? "send" : "both";
        return { kind: "ChanType", pos, dir, elem: this.chanElem() };
      }
      case "map": {
        this.next();
        this.want("[");
        const key = this.type_();
        this.want("]");
        return { kind: "MapType", pos, key, value: this.type_() };
      }
      case "struct":
        return this.structType();
      case "interface":
        return this.interfaceType();
      case "name":
        return this.qualifiedName();
      case "(": {
        this.next();
        const t = this.type_();
        this.want(")");
        return { kind: "ParenExpr", pos, x: t };
      }
      default:
        return null;
    }
  }

  private chanElem(): N.Expr {
    return this.type_();
  }

  private arrayOrSliceType(pos: Pos): N.Expr {
    this.next();
    if (this.got("]")) return { kind: "SliceType", pos, elem: this.type_() };
    let len: N.Expr | null = null;
    if (!this.got("...")) {
      this.xnest++;
      len = this.expr();
      this.xnest--;
    }
    this.want("]");
    return { kind: "ArrayType", pos, len, elem: this.type_() };
  }

  private qualifiedName(): N.Expr {
    const name = this.name();
    if (this.tok() === ".") {
      const pos = this.pos();
      this.next();
      return { kind: "SelectorExpr", pos, x: name, sel: this.name() };
    }
    if (this.tok() === "[") {
      this.notSupported("type arguments");
      this.advance("]");
      this.got("]");
    }
    return name;
  }

  private structType(): N.StructType {
    const pos = this.pos();
    this.next();
    const st: N.StructType = { kind: "StructType", pos, fieldList: [], tagList: [] };
    this.want("{");
    while (this.tok() !== "EOF" && this.tok() !== "}") {
      this.fieldDecl(st);
      if (!this.got(";") && this.tok() !== "}") {
        this.syntaxError("in struct type; possibly missing semicolon or newline or }");
        this.advance("}");
        break;
      }
    }
    this.want("}");
    return st;
  }

  private fieldDecl(st: N.StructType): void {
    const pos = this.pos();
    if (this.tok() === "*" || this.tok() === "(") {
      const t = this.typeOrNil()!;
      this.addField(st, pos, null, t);
      return;
    }
    if (this.tok() !== "name") {
      this.syntaxError("expecting field name or embedded type");
      this.advance(";", "}");
      return;
    }
    const first = this.name();
    if (this.tok() === "." || this.tok() === ";" || this.tok() === "}" || (this.tok() === "literal" && this.s.litKind === "string")) {
      const t = this.tok() === "." ? this.qualifiedSuffix(first) : first;
      this.addField(st, pos, null, t);
      return;
    }
    const names = [first];
    while (this.got(",")) names.push(this.name());
    const t = this.type_();
    for (const n of names) this.addField(st, n.pos, n, t);
  }

  private qualifiedSuffix(x: N.Name): N.Expr {
    const pos = this.pos();
    this.next();
    return { kind: "SelectorExpr", pos, x, sel: this.name() };
  }

  private addField(st: N.StructType, pos: Pos, name: N.Name | null, type: N.Expr): void {
    st.fieldList.push({ kind: "Field", pos, name, type });
    let tag: N.BasicLit | null = null;
    if (this.tok() === "literal" && this.s.litKind === "string") tag = this.basicLit();
    st.tagList.push(tag);
  }

  private interfaceType(): N.InterfaceType {
    const pos = this.pos();
    this.next();
    const it: N.InterfaceType = { kind: "InterfaceType", pos, methodList: [] };
    this.want("{");
    while (this.tok() !== "EOF" && this.tok() !== "}") {
      this.methodDecl(it);
      if (!this.got(";") && this.tok() !== "}") {
        this.syntaxError("in interface type; possibly missing semicolon or newline or }");
        this.advance("}");
        break;
      }
    }
    this.want("}");
    return it;
  }

  private methodDecl(it: N.InterfaceType): void {
    const pos = this.pos();
    if (this.tok() !== "name") {
      const t = this.typeOrNil();
      if (!t) {
        this.syntaxError("expecting method or interface name");
        this.advance(";", "}");
        return;
      }
      it.methodList.push({ kind: "Field", pos, name: null, type: t });
      return;
    }
    const name = this.name();
    if (this.tok() === "(") {
      it.methodList.push({ kind: "Field", pos, name, type: this.funcType(pos) });
      return;
    }
    const t = this.tok() === "." ? this.qualifiedSuffix(name) : name;
    it.methodList.push({ kind: "Field", pos, name: null, type: t });
  }

  private funcType(pos: Pos): N.FuncType {
    const paramList = this.paramList(false);
    const resultList = this.funcResult();
    return { kind: "FuncType", pos, paramList, resultList };
  }

  private funcResult(): N.Field[] {
    if (this.tok() === "(") return this.paramList(false);
    const pos = this.pos();
    const t = this.typeOrNil();
    return t ? [{ kind: "Field", pos, name: null, type: t }] : [];
  }

  /**
   * Parses `(a, b int, c string)` or `(int, string)`: Go decides afterwards
   * whether the entries were names or types.
   */
  private paramList(isRecv: boolean): N.Field[] {
    if (this.tok() !== "(") {
      this.syntaxError("expecting (");
      return [];
    }
    this.next();
    this.xnest++;
    const entries: { pos: Pos; name: N.Name | null; type: N.Expr | null }[] = [];
    while (this.tok() !== "EOF" && this.tok() !== ")") {
      entries.push(this.paramDeclOrNil());
      if (!this.got(",") && this.tok() !== ")") {
        this.syntaxError(`in ${isRecv ? "receiver" : "parameter"} list; possibly missing comma or )`);
        this.advance(")");
        break;
      }
    }
    this.xnest--;
    this.want(")");
    return this.resolveParams(entries);
  }

  private paramDeclOrNil(): { pos: Pos; name: N.Name | null; type: N.Expr | null } {
    const pos = this.pos();
    if (this.tok() === "name") {
      const name = this.name();
      if (this.tok() === ".") return { pos, name: null, type: this.qualifiedSuffix(name) };
      if (this.tok() === "," || this.tok() === ")") return { pos, name, type: null };
      if (this.tok() === "...") return { pos, name, type: this.dotsType() };
      return { pos, name, type: this.type_() };
    }
    if (this.tok() === "...") return { pos, name: null, type: this.dotsType() };
    return { pos, name: null, type: this.type_() };
  }

  private dotsType(): N.DotsType {
    const pos = this.pos();
    this.next();
    return { kind: "DotsType", pos, elem: this.type_() };
  }

  private resolveParams(entries: { pos: Pos; name: N.Name | null; type: N.Expr | null }[]): N.Field[] {
    const named = entries.some((e) => e.name !== null && e.type !== null);
    if (!named) {
      return entries.map((e) => ({ kind: "Field", pos: e.pos, name: null, type: e.type ?? e.name! }));
    }
    const fields: N.Field[] = [];
    let pending: N.Name[] = [];
    for (const e of entries) {
      if (e.type === null) {
        pending.push(e.name!);
        continue;
      }
      if (e.name === null) {
        this.syntaxErrorAt(e.pos, "mixed named and unnamed parameters");
        fields.push({ kind: "Field", pos: e.pos, name: null, type: e.type });
        continue;
      }
      for (const n of pending) fields.push({ kind: "Field", pos: n.pos, name: n, type: e.type });
      pending = [];
      fields.push({ kind: "Field", pos: e.pos, name: e.name, type: e.type });
    }
    if (pending.length > 0) {
      this.syntaxErrorAt(pending[pending.length - 1]!.pos, "mixed named and unnamed parameters");
      for (const n of pending) fields.push({ kind: "Field", pos: n.pos, name: null, type: n });
    }
    return fields;
  }

  // ------------------------------------------------------------ statements

  private blockStmt(context: string): N.BlockStmt {
    const pos = this.pos();
    if (!this.got("{")) {
      this.syntaxError(context ? `expecting { after ${context}` : "expecting {");
      this.advance("name", "}");
      const rbrace = this.pos();
      if (this.got("}")) return { kind: "BlockStmt", pos, stmtList: [], rbrace };
    }
    const stmtList = this.stmtList();
    const rbrace = this.pos();
    this.want("}");
    return { kind: "BlockStmt", pos, stmtList, rbrace };
  }

  private stmtList(): N.Stmt[] {
    const list: N.Stmt[] = [];
    while (this.tok() !== "EOF" && this.tok() !== "}" && this.tok() !== "case" && this.tok() !== "default") {
      const s = this.stmtOrNil();
      if (!s) break;
      if (s.kind !== "EmptyStmt") list.push(s);
      if (this.tok() === ")" || this.tok() === "}" || this.tok() === "case" || this.tok() === "default") {
        if (this.tok() === ")") {
          this.syntaxError("at end of statement");
          this.next();
        }
        continue;
      }
      if (!this.got(";")) {
        this.syntaxError("at end of statement");
        this.advance(";", "}");
        this.got(";");
      }
    }
    return list;
  }

  private stmtOrNil(): N.Stmt | null {
    const pos = this.pos();
    if (this.tok() === "name") {
      const lhs = this.exprList();
      if (lhs.length === 1 && lhs[0]!.kind === "Name" && this.tok() === ":") return this.labeledStmt(lhs[0] as N.Name);
      return this.simpleStmtRest(pos, lhs, false) as N.Stmt;
    }
    switch (this.tok()) {
      case "var":
      case "const":
      case "type":
        return this.declStmt();
      case "{":
        return this.blockStmt("");
      case "for":
        return this.forStmt();
      case "switch":
        return this.switchStmt();
      case "select":
        return this.selectStmt();
      case "if":
        return this.ifStmt();
      case "fallthrough":
      case "break":
      case "continue":
      case "goto":
        return this.branchStmt();
      case "go":
      case "defer":
        return this.callStmt();
      case "return":
        return this.returnStmt();
      case ";":
        return { kind: "EmptyStmt", pos };
      default:
        if (this.tok() === ")" || this.tok() === "}" || this.tok() === "EOF") return { kind: "EmptyStmt", pos };
        return this.simpleStmt(false) as N.Stmt;
    }
  }

  private labeledStmt(label: N.Name): N.Stmt {
    this.next();
    if (this.tok() === "}") {
      return { kind: "LabeledStmt", pos: label.pos, label, stmt: { kind: "EmptyStmt", pos: this.pos() } };
    }
    const stmt = this.stmtOrNil() ?? { kind: "EmptyStmt", pos: this.pos() };
    return { kind: "LabeledStmt", pos: label.pos, label, stmt };
  }

  private declStmt(): N.DeclStmt {
    const pos = this.pos();
    const declList: N.Decl[] = [];
    const tok = this.tok();
    this.next();
    if (tok === "const") this.constGroup(declList);
    else if (tok === "type") this.appendGroup(declList, (g) => this.typeDecl(g));
    else this.appendGroup(declList, (g) => this.varDecl(g));
    return { kind: "DeclStmt", pos, declList };
  }

  private simpleStmt(rangeOk: boolean): N.SimpleStmt | N.RangeClause {
    const pos = this.pos();
    if (rangeOk && this.tok() === "range") {
      this.next();
      return { kind: "RangeClause", pos, lhs: [], def: false, x: this.expr() };
    }
    return this.simpleStmtRest(pos, this.exprList(), rangeOk);
  }

  private simpleStmtRest(pos: Pos, lhs: N.Expr[], rangeOk: boolean): N.SimpleStmt | N.RangeClause {
    const tok = this.tok();
    if (tok === "assignop" || tok === "incop") {
      const op = this.s.op as N.AssignOperator;
      const spos = this.pos();
      this.next();
      const x = this.single(lhs);
      if (tok === "incop") return { kind: "AssignStmt", pos: spos, op, define: false, incDec: true, lhs: [x], rhs: [] };
      return { kind: "AssignStmt", pos: spos, op, define: false, incDec: false, lhs: [x], rhs: [this.expr()] };
    }
    if (tok === "<-") {
      const spos = this.pos();
      this.next();
      return { kind: "SendStmt", pos: spos, chan: this.single(lhs), value: this.expr() };
    }
    if (tok === "=" || tok === ":=") {
      const spos = this.pos();
      const define = tok === ":=";
      this.next();
      if (rangeOk && this.tok() === "range") {
        this.next();
        return { kind: "RangeClause", pos: spos, lhs, def: define, x: this.expr() };
      }
      const rhs = this.exprList();
      if (define && rhs.length === 1 && rhs[0]!.kind === "TypeSwitchGuard" && lhs.length === 1 && lhs[0]!.kind === "Name") {
        const g = rhs[0] as N.TypeSwitchGuard;
        g.lhs = lhs[0] as N.Name;
        return { kind: "ExprStmt", pos, x: g };
      }
      return { kind: "AssignStmt", pos: spos, op: null, define, incDec: false, lhs, rhs };
    }
    return { kind: "ExprStmt", pos, x: this.single(lhs) };
  }

  /** Reports a list where one expression is expected and keeps the first. */
  private single(list: N.Expr[]): N.Expr {
    if (list.length > 1) this.syntaxErrorAt(list[0]!.pos, `expecting 1 expression`);
    return list[0]!;
  }

  private header(keyword: "if" | "for" | "switch"): { init: N.SimpleStmt | N.RangeClause | null; cond: N.Expr | null; post: N.SimpleStmt | null } {
    const out: { init: N.SimpleStmt | N.RangeClause | null; cond: N.Expr | null; post: N.SimpleStmt | null } = { init: null, cond: null, post: null };
    if (this.tok() === "{") {
      if (keyword === "if") this.syntaxError("missing condition in if statement");
      return out;
    }
    const outer = this.xnest;
    this.xnest = -1;
    let init: N.SimpleStmt | N.RangeClause | null = null;
    if (this.tok() !== ";") init = this.simpleStmt(keyword === "for");
    if (init?.kind === "RangeClause") {
      this.xnest = outer;
      out.init = init;
      return out;
    }
    let condStmt: N.SimpleStmt | null = null;
    if (this.tok() === ";") {
      const semi = this.s.lit;
      this.next();
      out.init = init;
      if (keyword === "for") {
        if (this.tok() !== ";") {
          if (this.tok() === "{") this.syntaxError("expecting for loop condition");
          else condStmt = this.simpleStmt(false) as N.SimpleStmt;
        }
        this.want(";");
        if (this.tok() !== "{") out.post = this.simpleStmt(false) as N.SimpleStmt;
      } else if (this.tok() !== "{") {
        condStmt = this.simpleStmt(false) as N.SimpleStmt;
      } else if (keyword === "if" && semi === "newline") {
        this.syntaxError("unexpected newline, expecting { after if clause");
      }
    } else {
      condStmt = init as N.SimpleStmt | null;
    }
    out.cond = this.condExpr(keyword, condStmt);
    this.xnest = outer;
    return out;
  }

  private condExpr(keyword: string, s: N.SimpleStmt | null): N.Expr | null {
    if (!s) {
      if (keyword === "if") this.syntaxErrorAt(this.pos(), "missing condition in if statement");
      return null;
    }
    if (s.kind === "ExprStmt") return s.x;
    this.syntaxErrorAt(s.pos, `cannot use ${stmtString(s)} as value`);
    return null;
  }

  private ifStmt(): N.IfStmt {
    const pos = this.pos();
    this.next();
    const h = this.header("if");
    const cond = h.cond ?? this.badExprAt(pos);
    const then = this.blockStmt("if clause");
    let els: N.Stmt | null = null;
    if (this.got("else")) {
      if (this.tok() === "if") els = this.ifStmt();
      else if (this.tok() === "{") els = this.blockStmt("");
      else {
        this.syntaxError("else must be followed by if or statement block");
        this.advance("name", "}");
      }
    }
    return { kind: "IfStmt", pos, init: h.init as N.SimpleStmt | null, cond, then, else: els };
  }

  private forStmt(): N.ForStmt {
    const pos = this.pos();
    this.next();
    const h = this.header("for");
    const body = this.blockStmt("for clause");
    return { kind: "ForStmt", pos, init: h.init, cond: h.cond, post: h.post, body };
  }

  private switchStmt(): N.SwitchStmt {
    const pos = this.pos();
    this.next();
    const h = this.header("switch");
    const sw: N.SwitchStmt = { kind: "SwitchStmt", pos, init: h.init as N.SimpleStmt | null, tag: h.cond, body: [], rbrace: pos };
    if (!this.got("{")) {
      this.syntaxError("missing { after switch clause");
      this.advance("case", "default", "}");
    }
    while (this.tok() !== "EOF" && this.tok() !== "}") {
      sw.body.push(this.caseClause());
    }
    sw.rbrace = this.pos();
    this.want("}");
    return sw;
  }

  private caseClause(): N.CaseClause {
    const pos = this.pos();
    let cases: N.Expr[] | null = null;
    if (this.got("case")) {
      cases = this.exprList();
    } else if (!this.got("default")) {
      this.syntaxError("expecting case or default or }");
      this.advance(":", "case", "default", "}");
    }
    const colon = this.pos();
    this.want(":");
    const body = this.stmtList();
    return { kind: "CaseClause", pos, cases, body, colon };
  }

  private selectStmt(): N.SelectStmt {
    const pos = this.pos();
    this.next();
    const sel: N.SelectStmt = { kind: "SelectStmt", pos, body: [] };
    this.want("{");
    while (this.tok() !== "EOF" && this.tok() !== "}") {
      const cpos = this.pos();
      let comm: N.SimpleStmt | null = null;
      if (this.got("case")) comm = this.simpleStmt(false) as N.SimpleStmt;
      else if (!this.got("default")) {
        this.syntaxError("expecting case or default or }");
        this.advance(":", "case", "default", "}");
      }
      this.want(":");
      sel.body.push({ kind: "CommClause", pos: cpos, comm, body: this.stmtList() });
    }
    this.want("}");
    return sel;
  }

  private branchStmt(): N.BranchStmt {
    const pos = this.pos();
    const tok = this.tok() as N.BranchTok;
    this.next();
    let label: N.Name | null = null;
    if (tok !== "fallthrough" && this.tok() === "name") label = this.name();
    else if (tok === "goto") this.syntaxError("missing label for goto");
    return { kind: "BranchStmt", pos, tok, label };
  }

  private callStmt(): N.CallStmt {
    const pos = this.pos();
    const tok = this.tok() as "defer" | "go";
    this.next();
    const x = this.pexpr();
    const call = unparen(x);
    if (call.kind !== "CallExpr") {
      this.syntaxErrorAt(x.pos, `expression in ${tok} must be function call`);
    } else if (x.kind === "ParenExpr") {
      this.syntaxErrorAt(x.pos, `expression in ${tok} must not be parenthesized`);
    }
    return { kind: "CallStmt", pos, tok, call };
  }

  private returnStmt(): N.ReturnStmt {
    const pos = this.pos();
    this.next();
    const results = this.tok() !== ";" && this.tok() !== "}" ? this.exprList() : [];
    return { kind: "ReturnStmt", pos, results };
  }

  // ------------------------------------------------------------ leaves

  private name(): N.Name {
    if (this.tok() === "name") {
      const n = this.name0(this.pos(), this.s.lit);
      this.next();
      return n;
    }
    const n = this.name0(this.pos(), "_");
    this.syntaxError("expecting name");
    this.advance();
    return n;
  }

  private name0(pos: Pos, value: string): N.Name {
    return { kind: "Name", pos, value };
  }

  private nameList(): N.Name[] {
    const list = [this.name()];
    while (this.got(",")) list.push(this.name());
    return list;
  }

  private basicLit(): N.BasicLit {
    const lit: N.BasicLit = { kind: "BasicLit", pos: this.pos(), value: this.s.lit, litKind: this.s.litKind, bad: this.s.bad };
    this.next();
    return lit;
  }

  private badExpr(): N.BadExpr {
    return this.badExprAt(this.pos());
  }

  private badExprAt(pos: Pos): N.BadExpr {
    return { kind: "BadExpr", pos };
  }
}

function tokstring(tok: Token): string {
  switch (tok) {
    case ",":
      return "comma";
    case ";":
      return "semicolon or newline";
    default:
      return tok;
  }
}

/** Strips parentheses. */
export function unparen(x: N.Expr): N.Expr {
  while (x.kind === "ParenExpr") x = x.x;
  return x;
}

function stmtString(s: N.SimpleStmt): string {
  if (s.kind === "AssignStmt") {
    const op = s.define ? ":=" : s.op ? `${s.op}=` : "=";
    return `${s.lhs.map(exprString).join(", ")} ${op} ${s.rhs.map(exprString).join(", ")}`;
  }
  return "statement";
}

/** A short source-like rendering of an expression, as Go prints operands in messages. */
export function exprString(x: N.Expr): string {
  switch (x.kind) {
    case "Name":
      return x.value;
    case "BasicLit":
      return x.value;
    case "ParenExpr":
      return `(${exprString(x.x)})`;
    case "SelectorExpr":
      return `${exprString(x.x)}.${x.sel.value}`;
    case "IndexExpr":
      return `${exprString(x.x)}[${exprString(x.index)}]`;
    case "SliceExpr":
      return `${exprString(x.x)}[${x.index.map((i) => (i ? exprString(i) : "")).slice(0, x.full ? 3 : 2).join(":")}]`;
    case "AssertExpr":
      return `${exprString(x.x)}.(${exprString(x.assertType)})`;
    case "TypeSwitchGuard":
      return `${x.lhs ? x.lhs.value + " := " : ""}${exprString(x.x)}.(type)`;
    case "Operation":
      if (x.y === null) return `${x.op}${exprString(x.x)}`;
      return `${exprString(x.x)} ${x.op} ${exprString(x.y)}`;
    case "CallExpr":
      return `${exprString(x.fun)}(${x.argList.map(exprString).join(", ")}${x.hasDots ? "..." : ""})`;
    case "CompositeLit":
      return `${x.type ? exprString(x.type) : ""}{${x.elemList.length > 0 ? "…" : ""}}`;
    case "KeyValueExpr":
      return `${exprString(x.key)}: ${exprString(x.value)}`;
    case "FuncLit":
      return `func${funcTypeParts(x.type)} {…}`;
    case "ArrayType":
      return `[${x.len ? exprString(x.len) : "..."}]${exprString(x.elem)}`;
    case "SliceType":
      return `[]${exprString(x.elem)}`;
    case "DotsType":
      return `...${exprString(x.elem)}`;
    case "StructType":
      return `struct{${x.fieldList.map((f) => (f.name ? `${f.name.value} ${exprString(f.type)}` : exprString(f.type))).join("; ")}}`;
    case "InterfaceType":
      return `interface{${x.methodList.map((m) => (m.name ? m.name.value + funcTypeParts(m.type as N.FuncType) : exprString(m.type))).join("; ")}}`;
    case "FuncType":
      return `func${funcTypeParts(x)}`;
    case "MapType":
      return `map[${exprString(x.key)}]${exprString(x.value)}`;
    case "ChanType":
      return `${x.dir === "recv" ? "<-" : ""}chan${x.dir === "send" ? "<-" : ""} ${exprString(x.elem)}`;
    case "BadExpr":
      return "BadExpr";
  }
}

function fieldListString(list: N.Field[]): string {
  return list.map((f) => (f.name ? `${f.name.value} ${exprString(f.type)}` : exprString(f.type))).join(", ");
}

function funcTypeParts(t: N.FuncType): string {
  const params = `(${fieldListString(t.paramList)})`;
  if (t.resultList.length === 0) return params;
  const r = t.resultList;
  if (r.length === 1 && !r[0]!.name) return `${params} ${exprString(r[0]!.type)}`;
  return `${params} (${fieldListString(r)})`;
}
