/**
 * Cloudflare's pay-as-you-go prices (USD) beyond the Workers Paid plan's included usage, as
 * published on the pages cited in docs/cost.md. Update both together.
 */
export const PRICES_AS_OF = "2026-11 (docs/cost.md)";

export const WORKERS_USD_PER_MILLION_REQUESTS = 0.3;
export const WORKERS_USD_PER_MILLION_CPU_MS = 0.02;
export const DO_USD_PER_MILLION_REQUESTS = 0.15;
export const DO_USD_PER_MILLION_GB_SECONDS = 12.5;
/** Durable Objects are billed for 128 MB of memory while active, whatever they use. */
export const DO_BILLED_MEMORY_GB = 0.128;
export const R2_USD_PER_MILLION_CLASS_A = 4.5;
export const R2_USD_PER_MILLION_CLASS_B = 0.36;
export const CONTAINER_USD_PER_VCPU_SECOND = 0.00002;
export const CONTAINER_USD_PER_GIB_SECOND = 0.0000025;
export const CONTAINER_USD_PER_DISK_GB_SECOND = 0.00000007;

/** Instance type `basic`: 1/4 vCPU, 1 GiB memory, 4 GB disk. */
export const BASIC_INSTANCE = { vcpu: 0.25, memoryGib: 1, diskGb: 4 } as const;
