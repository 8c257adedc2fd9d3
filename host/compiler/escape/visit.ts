// A generic walk over syntax nodes, for the analyses after type checking.

import type * as syn from "../syntax/nodes.js";

type AnyNode = syn.Node | syn.SimpleStmt;

/** The direct children of a node, in source order (types and names included). */
export function children(n: AnyNode): AnyNode[] {
  const out: (AnyNode | null | undefined)[] = [];
  switch (n.kind) {
    case "File":
      out.push(...n.declList);
      break;
    case "ConstDecl":
    case "VarDecl":
      out.push(...n.values);
      break;
    case "FuncDecl":
      out.push(n.body);
      break;
    case "ImportDecl":
    case "TypeDecl":
    case "BadExpr":
    case "Name":
    case "BasicLit":
    case "EmptyStmt":
    case "ArrayType":
    case "SliceType":
    case "DotsType":
    case "StructType":
    case "InterfaceType":
    case "FuncType":
    case "MapType":
    case "ChanType":
    case "Field":
      break;
    case "CompositeLit":
      out.push(...n.elemList);
      break;
    case "KeyValueExpr":
      out.push(n.key, n.value);
      break;
    case "FuncLit":
      out.push(n.body);
      break;
    case "ParenExpr":
      out.push(n.x);
      break;
    case "SelectorExpr":
      out.push(n.x);
      break;
    case "IndexExpr":
      out.push(n.x, n.index);
      break;
    case "SliceExpr":
      out.push(n.x, ...n.index);
      break;
    case "AssertExpr":
      out.push(n.x);
      break;
    case "TypeSwitchGuard":
      out.push(n.x);
      break;
    case "Operation":
      out.push(n.x, n.y);
      break;
    case "CallExpr":
      out.push(n.fun, ...n.argList);
      break;
    case "LabeledStmt":
      out.push(n.stmt);
      break;
    case "BlockStmt":
      out.push(...n.stmtList);
      break;
    case "ExprStmt":
      out.push(n.x);
      break;
    case "SendStmt":
      out.push(n.chan, n.value);
      break;
    case "DeclStmt":
      out.push(...n.declList);
      break;
    case "AssignStmt":
      out.push(...n.lhs, ...n.rhs);
      break;
    case "BranchStmt":
      break;
    case "CallStmt":
      out.push(n.call);
      break;
    case "ReturnStmt":
      out.push(...n.results);
      break;
    case "IfStmt":
      out.push(n.init, n.cond, n.then, n.else);
      break;
    case "ForStmt":
      out.push(n.init, n.cond, n.post, n.body);
      break;
    case "RangeClause":
      out.push(...n.lhs, n.x);
      break;
    case "SwitchStmt":
      out.push(n.init, n.tag, ...n.body);
      break;
    case "CaseClause":
      out.push(...(n.cases ?? []), ...n.body);
      break;
    case "SelectStmt":
      out.push(...n.body);
      break;
    case "CommClause":
      out.push(n.comm, ...n.body);
      break;
  }
  return out.filter((c): c is AnyNode => c != null);
}

/**
 * Visits n and its descendants in source order. `enter` returns false to
 * skip a node's children (e.g. the bodies of function literals).
 */
export function inspect(n: AnyNode, enter: (n: AnyNode) => boolean | void): void {
  if (enter(n) === false) return;
  for (const c of children(n)) inspect(c, enter);
}
