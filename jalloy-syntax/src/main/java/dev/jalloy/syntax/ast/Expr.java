package dev.jalloy.syntax.ast;

/** An expression. */
public sealed interface Expr extends Node
    permits LiteralExpr,
        ArrayExpr,
        ObjectExpr,
        IdentifierExpr,
        AccessExpr,
        IndexExpr,
        CallExpr,
        UnaryExpr,
        BinaryExpr,
        ParenExpr {}
