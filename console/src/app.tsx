import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { renewToken, useToken } from './api/client';
import {
  forgetAfterSignOut,
  loadSignInConfig,
  oidcCallback,
  oidcForget,
  oidcRenew,
  oidcSignOut,
  renewIn,
  renewSession,
  signedOutHere,
  storedSession,
  storeSession,
  watchOidcSession,
  type Session,
  type SignInConfig,
} from './auth';
import { i18n, I18nContext, type Lang } from './i18n';
import { AuditPage } from './pages/audit';
import { CasePage } from './pages/case';
import { CasesPage } from './pages/cases';
import { FindPage } from './pages/find';
import { OpenCasePage } from './pages/open-case';
import { QueuePage } from './pages/queue';
import { SignInPage } from './pages/sign-in';
import { SlaPage } from './pages/sla';
import { StatsPage } from './pages/stats';

/** `#/case/<id>` → ['case', '<id>']. */
function useRoute(): string[] {
  const read = () => location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const onChange = () => setRoute(read());
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

const HOME: Record<string, string> = { caseworker: 'queue', supervisor: 'cases', 'sla-monitor': 'sla' };

/** What each role finds in the menu. */
const NAV: Record<string, { path: string; key: 'queue' | 'openCase' | 'find' | 'cases' | 'sla' | 'stats' }[]> = {
  caseworker: [
    { path: 'queue', key: 'queue' },
    { path: 'open', key: 'openCase' },
    { path: 'find', key: 'find' },
  ],
  supervisor: [
    { path: 'cases', key: 'cases' },
    { path: 'find', key: 'find' },
    { path: 'sla', key: 'sla' },
    { path: 'stats', key: 'stats' },
  ],
  'sla-monitor': [
    { path: 'sla', key: 'sla' },
    { path: 'stats', key: 'stats' },
  ],
};

export function App() {
  const [lang, setLang] = useState<Lang>(() => (localStorage.getItem('casework.lang') === 'en' ? 'en' : 'zh'));
  const [session, setSession] = useState<Session | undefined>(storedSession);
  const [config, setConfig] = useState<SignInConfig>();
  const [configError, setConfigError] = useState<string>();
  const route = useRoute();
  const text = useMemo(() => i18n(lang), [lang]);

  const current = useRef(session);
  const oidc = config?.signIn === 'oidc' ? config.oidc : undefined;
  /** A fresh token for whoever is signed in: minted again in development, asked of the issuer with OIDC. */
  const renew = async () => {
    const now = current.current;
    const fresh = now && (oidc ? await oidcRenew(oidc) : await renewSession(now));
    if (fresh) adopt(fresh);
    return fresh?.token;
  };
  /** The session from now on, without leaving the page (a renewed token changes nothing the user sees). */
  const adopt = (s: Session | undefined) => {
    storeSession(s);
    current.current = s;
    useToken(s?.token, drop, s?.renew || oidc ? renew : undefined);
    setSession(s);
  };
  /** The API refused the token and none could be had: signed out here (the issuer's session is gone, or useless). */
  const drop = () => {
    if (oidc) void oidcForget(oidc);
    adopt(undefined);
  };
  /** Stops following the issuer's renewals (see `watchOidcSession`). */
  const unwatch = useRef<(() => void) | undefined>(undefined);
  /**
   * The person signs out: with OpenID Connect at the issuer too, which comes back to the sign-in page. Renewals
   * are no longer followed first: one under way must not sign the person in again while the page leaves.
   */
  const signOut = () => {
    unwatch.current?.();
    adopt(undefined);
    signedOutHere();
    if (oidc) void oidcSignOut(oidc);
  };
  const signIn = (s: Session | undefined) => {
    adopt(s);
    if (s) location.hash = `#/${HOME[s.role] ?? 'cases'}`;
  };
  useToken(session?.token, drop, session?.renew || oidc ? renew : undefined);

  // Development tokens are renewed a minute before they run out (oidc-client-ts does the same for its own).
  useEffect(() => {
    if (!session?.renew) return;
    const timer = setTimeout(() => void renewToken(), renewIn(session));
    return () => clearTimeout(timer);
  }, [session?.token]);

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = text.t('appName');
    localStorage.setItem('casework.lang', lang);
  }, [lang]);

  useEffect(() => {
    loadSignInConfig()
      .then(async (c) => {
        await forgetAfterSignOut(c.signIn === 'oidc' ? c.oidc : undefined);
        setConfig(c);
        if (c.signIn === 'oidc' && c.oidc) {
          const oidcSettings = c.oidc;
          unwatch.current = watchOidcSession(oidcSettings, (s) => {
            if (s) return adopt(s);
            void oidcForget(oidcSettings);
            adopt(undefined);
          });
          const s = await oidcCallback(c.oidc);
          if (s) signIn(s);
        }
      })
      .catch((e: Error) => setConfigError(e.message));
  }, []);

  const [page, ...args] = route.length ? route : [session ? (HOME[session.role] ?? 'cases') : 'sign-in'];
  let content;
  if (!session) content = <SignInPage config={config} error={configError} onSignedIn={signIn} />;
  else if (page === 'queue') content = <QueuePage session={session} />;
  else if (page === 'open') content = <OpenCasePage session={session} />;
  else if (page === 'case' && args[0]) content = <CasePage key={args[0]} caseId={args[0]} session={session} />;
  else if (page === 'audit' && args[0]) content = <AuditPage key={args[0]} caseId={args[0]} />;
  else if (page === 'find') content = <FindPage session={session} />;
  else if (page === 'cases') content = <CasesPage />;
  else if (page === 'sla') content = <SlaPage session={session} />;
  else if (page === 'stats') content = <StatsPage />;
  else content = <p>{text.t('notFound')}</p>;

  return (
    <I18nContext.Provider value={text}>
      <header class="top">
        <a class="brand" href={session ? `#/${HOME[session.role] ?? 'cases'}` : '#/'}>
          {text.t('appName')}
        </a>
        {session && (
          <nav aria-label={text.t('mainNav')}>
            {(NAV[session.role] ?? []).map((n) => (
              <a key={n.path} href={`#/${n.path}`} aria-current={page === n.path ? 'page' : undefined}>
                {text.t(n.key)}
              </a>
            ))}
          </nav>
        )}
        <div class="who">
          {session && (
            <span>
              {text.term(session.role)} · {session.office} · {session.name ?? session.sub}
            </span>
          )}
          <button
            type="button"
            class="secondary"
            lang={lang === 'zh' ? 'en' : 'zh-CN'}
            title={text.t('languageLabel')}
            onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
          >
            {text.t('language')}
          </button>
          {session && (
            <button type="button" class="secondary" onClick={signOut}>
              {text.t('signOut')}
            </button>
          )}
        </div>
      </header>
      <main>{content}</main>
      <footer>{text.t('timesNote')}</footer>
    </I18nContext.Provider>
  );
}
