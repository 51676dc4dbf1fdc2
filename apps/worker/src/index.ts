import { createApp } from "./app";

export { Sandbox } from "@cloudflare/sandbox";
export { UserAgent } from "./agent/user-agent";
export { Directory } from "./directory/directory";

export default createApp() satisfies ExportedHandler<Env>;
