import { type FormEvent, useState } from "react";

/** URL and name of a server to add; `onAdd` runs the request (the parent shows its failure). */
export function McpServerForm({
  busy,
  onAdd,
}: {
  busy: boolean;
  onAdd(url: string, name: string): Promise<void>;
}) {
  const [url, setUrl] = useState("");
  const [name, setName] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void onAdd(url.trim(), name.trim()).then(() => {
      setUrl("");
      setName("");
    });
  };
  return (
    <form className="inline-form" onSubmit={submit}>
      <input
        aria-label="MCP server URL"
        placeholder="https://mcp.example.com/mcp"
        value={url}
        onChange={(event) => setUrl(event.target.value)}
        required
      />
      <input
        aria-label="MCP server name"
        placeholder="name"
        value={name}
        onChange={(event) => setName(event.target.value)}
        required
      />
      <button type="submit" disabled={busy}>
        Add
      </button>
    </form>
  );
}
