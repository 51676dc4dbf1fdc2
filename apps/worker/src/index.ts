import { createApp } from "./app";

export { UserAgent } from "./agent/user-agent";
export { Directory } from "./directory/directory";
export { Sandbox } from "@cloudflare/sandbox";

export default createApp() satisfies ExportedHandler<Env>;
