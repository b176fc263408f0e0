import { Body, Controller, Get, Header, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { officeCode, ROLES } from '../../../domain';
import { Documented, Undocumented } from '../openapi/documented';
import { ProblemError } from '../problem/problem';
import { components } from '../schemas';
import { valid } from '../validation/zod-validation.pipe';
import { ConsoleAssets } from './console-assets';
import type { ConsoleOptions } from './console-options';

export const CONSOLE_OPTIONS = Symbol('CONSOLE_OPTIONS');

export const ConsoleConfig = z
  .object({
    signIn: z.enum(['dev', 'oidc', 'unavailable']),
    oidc: z.object({ authority: z.string(), clientId: z.string(), scope: z.string() }).optional(),
    detail: z.string().optional(),
  })
  .register(components, { id: 'ConsoleConfig', description: 'how the console signs people in' });

export const DevTokenRequest = z
  .object({
    role: z.enum(ROLES),
    office: officeCode,
    sub: z
      .string()
      .regex(/^[\w.@-]{1,64}$/, 'sub: 1 to 64 letters, digits, dots, @, _ or -')
      .optional(),
    name: z.string().min(1).max(64).optional(),
  })
  .strict()
  .register(components, { id: 'DevTokenRequest' });

export const DevToken = z.object({ token: z.string(), expiresAt: z.string().meta({ format: 'date-time' }) }).register(components, { id: 'DevToken' });

const NOT_BUILT = 'the console is not built: run `npm run build` (npm start and npm test build it when missing)';

/** The web console: its page and assets, how it signs in, and (development only) a token for a chosen role and office. */
@Controller('console')
export class ConsoleController {
  private readonly assets: ConsoleAssets;

  constructor(@Inject(CONSOLE_OPTIONS) private readonly options: ConsoleOptions) {
    this.assets = new ConsoleAssets(options.assetsDir);
  }

  @Get()
  @Documented({
    summary: 'The web console (a single page that signs in)',
    public: true,
    response: { description: 'HTML page', media: 'text/html' },
    errors: [503],
  })
  page(@Res() reply: FastifyReply) {
    const index = this.assets.get('index.html');
    if (!index) throw new ProblemError(503, NOT_BUILT);
    // The page is small and names its hashed assets: always fetch it fresh so a new build is picked up.
    return reply.header('content-type', index.contentType).header('cache-control', 'no-cache').send(index.body);
  }

  @Get('config')
  @Documented({
    summary: 'How the console signs in (development tokens or OpenID Connect)',
    public: true,
    response: { description: 'sign-in settings', schema: ConsoleConfig },
    errors: [],
  })
  config(): z.infer<typeof ConsoleConfig> {
    const signIn = this.options.signIn;
    switch (signIn.kind) {
      case 'dev':
        return { signIn: 'dev' };
      case 'oidc':
        return { signIn: 'oidc', oidc: { authority: signIn.authority, clientId: signIn.clientId, scope: signIn.scope } };
      case 'unavailable':
        return { signIn: 'unavailable', detail: signIn.reason };
    }
  }

  @Post('dev-token')
  @HttpCode(201)
  @Header('cache-control', 'no-store')
  @Documented({
    summary: 'Development only: a token for a chosen role and office (404 unless development tokens are enabled)',
    public: true,
    body: DevTokenRequest,
    response: { description: 'a signed development token', schema: DevToken },
    errors: [400, 404],
  })
  async devToken(@Body(valid(DevTokenRequest)) body: z.infer<typeof DevTokenRequest>) {
    const signIn = this.options.signIn;
    // Production verifies an OpenID Connect issuer's tokens: there is nothing to mint, and the route does not exist.
    if (signIn.kind !== 'dev') throw new ProblemError(404, 'development tokens are not enabled on this server: sign in with OpenID Connect');
    return signIn.mint({
      role: body.role,
      office: body.office,
      sub: body.sub ?? `dev-${body.role}-${body.office}`,
      ...(body.name ? { name: body.name } : {}),
    });
  }

  @Get('assets/:file')
  @Undocumented()
  asset(@Param('file') file: string, @Res() reply: FastifyReply) {
    const found = this.assets.get(`assets/${file}`);
    if (!found) throw new ProblemError(404, this.assets.built ? 'no such console file' : NOT_BUILT);
    // Vite names assets by content hash: a name never changes meaning.
    return reply.header('content-type', found.contentType).header('cache-control', 'public, max-age=31536000, immutable').send(found.body);
  }
}
