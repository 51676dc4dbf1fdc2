export * from "./admin-api";
export * from "./inbound-message";
export * from "./sandbox-api";
export * from "./schedules-api";
export * from "./usage-api";
export * from "./workspace-api";
