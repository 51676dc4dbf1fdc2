import { describe, expect, it } from "vitest";
import { refuseUrl } from "./url-safety";

const refuse = (url: string, allowLoopback = false) => refuseUrl(new URL(url), { allowLoopback });

describe("refuseUrl", () => {
  it("lets public http(s) addresses through", () => {
    expect(refuse("https://example.com/page")).toBeUndefined();
    expect(refuse("http://93.184.216.34/")).toBeUndefined();
    expect(refuse("https://[2606:4700::1111]/")).toBeUndefined();
  });

  it.each([
    ["http://10.1.2.3/", "10.1.2.3 is a private address"],
    ["http://172.16.0.1/", "172.16.0.1 is a private address"],
    ["http://192.168.0.1/", "192.168.0.1 is a private address"],
    ["http://169.254.169.254/latest", "169.254.169.254 is a link-local address"],
    ["http://100.64.0.1/", "100.64.0.1 is a carrier-grade NAT address"],
    ["http://[fd00::1]/", "fd00::1 is a private address"],
    ["http://[fe80::1]/", "fe80::1 is a link-local address"],
    ["http://[::ffff:10.0.0.1]/", "10.0.0.1 is a private address"],
    ["http://[::ffff:127.0.0.1]/", "127.0.0.1 is a loopback address"],
    ["http://0.0.0.0/", "0.0.0.0 is an unspecified address"],
    ["http://2130706433/", "127.0.0.1 is a loopback address"],
    ["http://0x7f.1/", "127.0.0.1 is a loopback address"],
    ["http://localhost:8080/", "localhost is a local address"],
    ["http://api.localhost/", "api.localhost is a local address"],
    ["http://printer.local/", "printer.local is not a public host name"],
    ["http://metadata.google.internal/", "metadata.google.internal is not a public host name"],
    ["http://intranet/", "intranet is not a public host name"],
  ])("refuses %s", (url, reason) => {
    expect(refuse(url)).toBe(reason);
  });

  it("refuses other schemes and embedded credentials", () => {
    expect(refuse("file:///etc/passwd")).toContain("only http and https");
    expect(refuse("ftp://example.com/")).toContain("only http and https");
    expect(refuse("https://user:pw@example.com/")).toBe(
      "addresses with credentials are not fetched",
    );
  });

  it("allows loopback only when asked, and never private ranges", () => {
    expect(refuse("http://127.0.0.1:8080/", true)).toBeUndefined();
    expect(refuse("http://[::1]/", true)).toBeUndefined();
    expect(refuse("http://localhost/", true)).toBeUndefined();
    expect(refuse("http://10.0.0.1/", true)).toBe("10.0.0.1 is a private address");
  });
});
