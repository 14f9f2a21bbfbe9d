export function App() {
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', padding: 24 }}>
      <h1>NotifyChain</h1>
      <p>The engine is running. The dashboard (live feed, charts, targets) is on its way.</p>
    </main>
  );
}
