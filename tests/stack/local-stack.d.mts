import type { AllFakes } from "../fakes/start-fakes.ts";

export interface LocalStackOptions {
  telegramToken: string;
  vars: (urls: AllFakes["urls"]) => Record<string, string>;
  wranglerLog?: string;
  inspector?: boolean;
  guardSignals?: boolean;
}

export interface LocalStack {
  fakes: AllFakes;
  port: number;
  baseUrl: string;
  output: { text(last?: number): string };
  inspectorPort: number | undefined;
  wranglerPid: number;
}

export function startLocalStack(options: LocalStackOptions): Promise<LocalStack>;
export function stopLocalStack(): Promise<void>;
