import { useState } from 'preact/hooks';
import { problemText } from '../api/client';
import { devSignIn, oidcSignIn, type Session, type SignInConfig } from '../auth';
import { Loading } from '../components';
import { useI18n } from '../i18n';

const ROLES = ['caseworker', 'supervisor', 'sla-monitor'];

export function SignInPage({ config, error, onSignedIn }: { config?: SignInConfig; error?: string; onSignedIn: (s: Session) => void }) {
  const { t, term } = useI18n();
  const [problem, setProblem] = useState<string>();
  const [pending, setPending] = useState(false);
  if (!config) return <Loading error={error} />;
  if (config.signIn === 'oidc' && config.oidc) {
    const oidc = config.oidc;
    return (
      <section class="card narrow">
        <h1>{t('signIn')}</h1>
        <button type="button" onClick={() => void oidcSignIn(oidc)}>
          {t('oidcSignIn')}
        </button>
      </section>
    );
  }
  if (config.signIn !== 'dev')
    return (
      <section class="card narrow">
        <h1>{t('signInUnavailable')}</h1>
        <p>{config.detail}</p>
      </section>
    );
  const submit = async (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    const value = (k: string) => {
      const v = f.get(k);
      return typeof v === 'string' && v.trim() ? v.trim() : undefined;
    };
    setPending(true);
    try {
      onSignedIn(await devSignIn({ role: value('role')!, office: value('office') ?? '', sub: value('sub'), name: value('name') }));
    } catch (x) {
      setProblem(problemText(x));
    } finally {
      setPending(false);
    }
  };
  return (
    <section class="card narrow">
      <h1>{t('devSignIn')}</h1>
      <p class="note">{t('devSignInNote')}</p>
      <form onSubmit={(e) => void submit(e)}>
        <div class="field">
          <label for="role">{t('role')}</label>
          <select id="role" name="role">
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {term(r)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="office">{t('office')}</label>
          <input id="office" name="office" inputMode="numeric" pattern="\d{6}" defaultValue="440106" required />
        </div>
        <div class="field">
          <label for="sub">{t('userId')}</label>
          <input id="sub" name="sub" autoComplete="username" />
        </div>
        <div class="field">
          <label for="name">{t('displayName')}</label>
          <input id="name" name="name" autoComplete="name" />
        </div>
        {problem && (
          <p class="form-error" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" disabled={pending}>
          {t('signIn')}
        </button>
      </form>
    </section>
  );
}
