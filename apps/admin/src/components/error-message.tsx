export function ErrorMessage({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <p className="error" role="alert" data-testid="error-message">
      {message}
    </p>
  );
}
