export * from "./inbound-message";
