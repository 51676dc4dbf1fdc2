/** The product's mark (the same drawing as the favicon): an M with a spark. */
export function LogoMark({ size = 28 }: { size?: number }) {
  return (
    <svg viewBox="0 0 32 32" width={size} height={size} aria-hidden="true" className="logo-mark">
      <rect width="32" height="32" rx="8" fill="#2f5bd3" />
      <path
        d="M8 23V10l8 8 8-8v13"
        fill="none"
        stroke="#fff"
        strokeWidth="3"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
      <circle cx="24" cy="7" r="2.5" fill="#ffd166" />
    </svg>
  );
}
