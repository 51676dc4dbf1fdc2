export * from "./inbound-message";
export * from "./admin-api";
