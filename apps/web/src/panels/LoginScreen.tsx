import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/http';
import { useLanguage } from '../i18n/use-language';
import { setLanguage, signIn } from '../store/actions';

/** Sign-in. Shows the server's own words when it refuses (wrong password, account locked…). */
export function LoginScreen() {
  const { language, t } = useLanguage();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(username.trim(), password);
    } catch (caught) {
      if (caught instanceof ApiError) {
        setError(caught.code === 'NETWORK' ? t('error.network') : caught.message);
      } else {
        setError(t('login.failed'));
      }
      setBusy(false);
    }
  }

  return (
    <div className="login">
      <form className="login-card" onSubmit={submit}>
        <h1>{t('app.title')}</h1>
        <h2>{t('login.heading')}</h2>
        <label>
          {t('login.username')}
          <input
            data-testid="login-username"
            autoComplete="username"
            autoFocus
            value={username}
            onChange={(event) => setUsername(event.target.value)}
          />
        </label>
        <label>
          {t('login.password')}
          <input
            data-testid="login-password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </label>
        {error && (
          <p className="form-error" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        <button type="submit" data-testid="login-submit" disabled={busy || !username || !password}>
          {busy ? t('login.busy') : t('login.submit')}
        </button>
        <button
          type="button"
          className="link"
          data-testid="language-switch"
          onClick={() => setLanguage(language === 'zh' ? 'en' : 'zh')}
        >
          {language === 'zh' ? 'English' : '中文'}
        </button>
      </form>
    </div>
  );
}
