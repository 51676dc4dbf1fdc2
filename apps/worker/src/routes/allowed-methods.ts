/** A route as Hono lists it in `app.routes`; middleware is registered with the method `ALL`. */
interface RegisteredRoute {
  method: string;
  path: string;
}

/** Turns a Hono path (`/users/:userId/usage`, `/_admin/*`) into a whole-path pattern. */
function pathPattern(path: string): RegExp {
  const source = path
    .split("/")
    .map((segment) => {
      if (segment === "*") return ".*";
      if (segment.startsWith(":")) {
        const custom = /^:[^{]+\{(.+)\}$/.exec(segment);
        return custom ? `(?:${custom[1]})` : "[^/]+";
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("/");
  return new RegExp(`^${source}/?$`);
}

/**
 * The methods some route answers at `pathname`, for a 405's `Allow` header; empty when no route
 * has that path (a 404). GET routes answer HEAD too.
 */
export function allowedMethods(routes: readonly RegisteredRoute[], pathname: string): string[] {
  const methods = new Set<string>();
  for (const route of routes) {
    if (route.method === "ALL" || !pathPattern(route.path).test(pathname)) continue;
    methods.add(route.method);
    if (route.method === "GET") methods.add("HEAD");
  }
  return [...methods].sort();
}
