export * from "./admin-api";
export * from "./admin-views";
export * from "./inbound-message";
export * from "./sandbox-api";
export * from "./schedules-api";
export * from "./user-export";
export * from "./workspace-api";
