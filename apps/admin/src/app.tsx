import type { ComponentType } from "react";
import { ROUTES, type Route, routeHref, useHashRoute } from "./hooks/use-hash-route";
import { ChatPage } from "./pages/chat-page";
import { DashboardPage } from "./pages/dashboard-page";
import { PairingPage } from "./pages/pairing-page";

const TITLES: Record<Route, string> = { dashboard: "Dashboard", pairing: "Pairing", chat: "Chat" };

const PAGES: Record<Route, ComponentType> = {
  dashboard: DashboardPage,
  pairing: PairingPage,
  chat: ChatPage,
};

export function App() {
  const route = useHashRoute();
  const Page = PAGES[route];
  return (
    <>
      <header>
        <h1>Molt admin</h1>
        <nav>
          {ROUTES.map((name) => (
            <a
              key={name}
              href={routeHref(name)}
              aria-current={name === route ? "page" : undefined}
              data-testid={`nav-${name}`}
            >
              {TITLES[name]}
            </a>
          ))}
        </nav>
      </header>
      <main>
        <Page />
      </main>
    </>
  );
}
