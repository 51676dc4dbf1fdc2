// `pnpm run doctor <url>`: runs the deployed (or local) Worker's checks and prints them.
// With Access in front, set CF_ACCESS_CLIENT_ID and CF_ACCESS_CLIENT_SECRET (a service token).
import { runDoctorCommand } from "./doctor-client.ts";

const exitCode = await runDoctorCommand({
  url: process.argv[2] ?? "",
  env: process.env,
  print: (line) => console.log(line),
});
process.exit(exitCode);
