import { AppHeader } from "./components/app-header";
import { useHashRoute } from "./hooks/use-hash-route";
import { AuditPage } from "./pages/audit-page";
import { ChatPage } from "./pages/chat-page";
import { DashboardPage } from "./pages/dashboard-page";
import { PairingPage } from "./pages/pairing-page";
import { UserPage } from "./pages/user-page";
import { UsersPage } from "./pages/users-page";

export function App() {
  const location = useHashRoute();
  return (
    <>
      <AppHeader route={location.route} />
      <main>
        {location.route === "dashboard" && <DashboardPage />}
        {location.route === "pairing" && <PairingPage />}
        {location.route === "users" && <UsersPage />}
        {location.route === "user" && location.userId && (
          <UserPage key={location.userId} userId={location.userId} />
        )}
        {location.route === "chat" && <ChatPage />}
        {location.route === "audit" && <AuditPage />}
      </main>
    </>
  );
}
