import { getMe } from "../api/user-api";
import { useAsyncData } from "../hooks/use-async-data";
import { ROUTES, type Route, routeHref } from "../hooks/use-hash-route";
import { LogoMark } from "./logo-mark";

const TITLES: Record<(typeof ROUTES)[number], string> = {
  dashboard: "Dashboard",
  pairing: "Pairing",
  users: "Users",
  chat: "Chat",
  audit: "Audit log",
};

/** Navigation, the signed-in Access identity, and the dev-mode banner when Access is bypassed. */
export function AppHeader({ route }: { route: Route }) {
  const me = useAsyncData(getMe);
  const current = route === "user" ? "users" : route;
  return (
    <>
      {me.data?.devMode && (
        <p className="banner dev-banner" role="status" data-testid="dev-mode-banner">
          Dev mode: Cloudflare Access is bypassed for localhost. Never expose this server.
        </p>
      )}
      <header>
        <a className="brand" href={routeHref("dashboard")}>
          <LogoMark />
          <h1>Molt admin</h1>
        </a>
        <nav aria-label="Pages">
          {ROUTES.map((name) => (
            <a
              key={name}
              href={routeHref(name)}
              aria-current={name === current ? "page" : undefined}
              data-testid={`nav-${name}`}
            >
              {TITLES[name]}
            </a>
          ))}
        </nav>
        <span className="whoami" data-testid="header-admin">
          {me.data ? me.data.email : me.error ? "not signed in" : ""}
        </span>
      </header>
    </>
  );
}
