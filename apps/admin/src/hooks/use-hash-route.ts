import { useEffect, useState } from "react";

/** Pages in the navigation, in order. */
export const ROUTES = ["dashboard", "pairing", "users", "chat", "audit"] as const;
export type Route = (typeof ROUTES)[number] | "user";

export interface Location {
  route: Route;
  /** The user id of `#/users/<id>`. */
  userId?: string;
}

// Hash routes need no server cooperation and keep working under the /_admin/ prefix.
export function locationFromHash(hash: string): Location {
  const [name = "", param] = hash.replace(/^#\/?/, "").split("/");
  if (name === "users" && param) return { route: "user", userId: decodeURIComponent(param) };
  return { route: ROUTES.find((route) => route === name) ?? "dashboard" };
}

export function routeHref(route: (typeof ROUTES)[number]): string {
  return route === "dashboard" ? "#/" : `#/${route}`;
}

export function userHref(userId: string): string {
  return `#/users/${encodeURIComponent(userId)}`;
}

export function useHashRoute(): Location {
  const [location, setLocation] = useState(() => locationFromHash(window.location.hash));
  useEffect(() => {
    const onHashChange = () => setLocation(locationFromHash(window.location.hash));
    window.addEventListener("hashchange", onHashChange);
    return () => window.removeEventListener("hashchange", onHashChange);
  }, []);
  return location;
}
