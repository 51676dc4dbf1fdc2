export * from "./admin-api";
export * from "./inbound-message";
