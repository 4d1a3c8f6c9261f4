import { ROLES, type Role } from '@floodnet/domain';
import { useState, type FormEvent } from 'react';
import { createApiKey, createUser } from '../api/commands';
import { ApiError } from '../api/http';
import { useLanguage } from '../i18n/use-language';
import { setAdminOpen } from '../store/actions';

/** Users and API keys, for admins only; loaded as its own chunk when opened. */
export default function AdminView() {
  const { t } = useLanguage();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('duty');
  const [keyName, setKeyName] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [key, setKey] = useState<string | null>(null);

  async function attempt(action: () => Promise<void>) {
    setMessage(null);
    try {
      await action();
    } catch (error) {
      setMessage(error instanceof ApiError ? error.message : t('error.generic'));
    }
  }

  function addUser(event: FormEvent) {
    event.preventDefault();
    void attempt(async () => {
      await createUser(username.trim(), password, role);
      setMessage(t('admin.created', { name: username.trim() }));
      setUsername('');
      setPassword('');
    });
  }

  function addKey(event: FormEvent) {
    event.preventDefault();
    void attempt(async () => {
      const created = await createApiKey(keyName.trim());
      setKey(created.key);
      setKeyName('');
    });
  }

  return (
    <div className="modal-backdrop" role="dialog" aria-modal aria-label={t('admin.heading')}>
      <div className="modal">
        <h2>{t('admin.heading')}</h2>
        <form onSubmit={addUser}>
          <h3>{t('admin.newUser')}</h3>
          <input
            placeholder={t('login.username')}
            value={username}
            onChange={(event) => setUsername(event.target.value)}
          />
          <input
            type="password"
            placeholder={t('login.password')}
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
          <select
            aria-label={t('admin.role')}
            value={role}
            onChange={(event) => setRole(event.target.value as Role)}
          >
            {ROLES.map((option) => (
              <option key={option} value={option}>
                {t(`role.${option}`)}
              </option>
            ))}
          </select>
          <button type="submit" disabled={!username || !password}>
            {t('admin.create')}
          </button>
        </form>
        <form onSubmit={addKey}>
          <h3>{t('admin.newKey')}</h3>
          <input
            placeholder={t('admin.keyName')}
            value={keyName}
            onChange={(event) => setKeyName(event.target.value)}
          />
          <button type="submit" disabled={!keyName}>
            {t('admin.create')}
          </button>
        </form>
        {key && (
          <p>
            {t('admin.keyShown')} <code>{key}</code>
          </p>
        )}
        {message && <p role="status">{message}</p>}
        <button type="button" onClick={() => setAdminOpen(false)}>
          {t('admin.close')}
        </button>
      </div>
    </div>
  );
}
