// The ceiling: a bare Fastify 5 route on the same machine, measured like Caseline's
// routes. Plain JavaScript run by plain node, so no TypeScript loader sits in the
// process; whatever Caseline adds on top of this is Caseline's cost.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', async () => ({ ok: true }));

await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    void app.close().then(() => process.exit(0));
  });
}
