'use client';

import { useState } from 'react';
import { getBackupTab } from '@/config/backup-tabs';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { PageHeader } from '../page-header';
import { RestoreHistory } from './restore-history';
import { RestoreWizard } from './restore-wizard';

/** The Restores tab: the wizard and the history of restore jobs. */
export function RestoresView() {
  const tab = getBackupTab('restores');
  const [refresh, setRefresh] = useState(0);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={tab.title} description={tab.description} />
      <RestoreWizard onFinished={() => setRefresh((n) => n + 1)} />
      <Card>
        <CardHeader><CardTitle>History</CardTitle></CardHeader>
        <CardContent><RestoreHistory refresh={refresh} /></CardContent>
      </Card>
    </div>
  );
}
