import { useEffect, useState } from "react";

export const ROUTES = ["dashboard", "pairing", "chat"] as const;
export type Route = (typeof ROUTES)[number];

// Hash routes need no server cooperation and keep working under the /_admin/ prefix.
function routeFromHash(hash: string): Route {
  const name = hash.replace(/^#\/?/, "");
  return ROUTES.find((route) => route === name) ?? "dashboard";
}

export function routeHref(route: Route): string {
  return route === "dashboard" ? "#/" : `#/${route}`;
}

export function useHashRoute(): Route {
  const [route, setRoute] = useState(() => routeFromHash(window.location.hash));
  useEffect(() => {
    const onHashChange = () => setRoute(routeFromHash(window.location.hash));
    window.addEventListener("hashchange", onHashChange);
    return () => window.removeEventListener("hashchange", onHashChange);
  }, []);
  return route;
}
