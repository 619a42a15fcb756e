'use client';

import { LogIn } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { SignInError } from './auth-client';
import { useSession } from './session-provider';

const INPUT = 'h-9 w-full rounded-md border border-slate-300 bg-white px-3 text-sm focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-sky-600';

/** Email/password sign-in (Firebase Authentication). */
export function SignInForm({ notice, emulator }: { notice?: string; emulator: boolean }) {
  const { signIn } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [pending, setPending] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setPending(true);
    setError(undefined);
    try {
      await signIn(email.trim(), password);
    } catch (err) {
      setError(err instanceof SignInError ? err.message : 'The sign-in service could not be reached.');
    } finally {
      setPending(false);
    }
  };

  return (
    <div className="mx-auto flex w-full max-w-sm flex-col gap-4 py-8">
      <Card>
        <CardHeader>
          <CardTitle>
            <span className="text-base">Sign in to Backup &amp; DR</span>
          </CardTitle>
          <CardDescription>Use your Firebase account. What you can do depends on your backup role.</CardDescription>
        </CardHeader>
        <CardContent>
          <form onSubmit={(e) => void submit(e)} className="flex flex-col gap-3" aria-label="Sign in">
            {notice ? <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">{notice}</p> : null}
            <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
              Email
              <input className={INPUT} type="email" name="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
            </label>
            <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
              Password
              <input className={INPUT} type="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
            </label>
            {error ? <p role="alert" className="text-sm text-red-700">{error}</p> : null}
            <Button type="submit" disabled={pending}>
              <LogIn aria-hidden="true" className="size-4" />
              {pending ? 'Signing in…' : 'Sign in'}
            </Button>
          </form>
        </CardContent>
      </Card>
      {emulator ? (
        <p className="text-center text-xs text-slate-500">Local stack: accounts live in the Auth emulator (see the start-up summary).</p>
      ) : null}
    </div>
  );
}
