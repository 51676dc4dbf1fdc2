export * from "./admin-api";
export * from "./file-bundle";
export * from "./inbound-message";
export * from "./sandbox-api";
export * from "./sandbox-runtime";
export * from "./schedules-api";
export * from "./usage-api";
export * from "./workspace-api";
