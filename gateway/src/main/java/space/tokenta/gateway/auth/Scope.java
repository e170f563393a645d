package space.tokenta.gateway.auth;

/** RBAC scopes; {@code PUBLIC} marks routes that need no credentials. */
public enum Scope { PUBLIC, READ, TRADE, WITHDRAW, ATTEST, OPERATE, ADMIN }
