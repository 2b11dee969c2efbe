/**
 * Routes of the single-page app. Every page but /login sits behind the session check.
 */
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { createQueryClient } from './app/queryClient';
import { AppShell } from './app/AppShell';
import { NotFoundPage } from './app/NotFoundPage';
import { LoginPage } from './auth/LoginPage';
import { RequireAuth } from './auth/RequireAuth';
import { DesignerPage } from './designer/DesignerPage';
import { VersionPage } from './designer/versions/VersionPage';
import { PipelinesPage } from './pipelines/PipelinesPage';
import { RunPage } from './runs/RunPage';
import { DraftDiffPage } from './runs/pickUp/DraftDiffPage';
import { RunsPage } from './runs/list/RunsPage';
import { ComparePage } from './runs/compare/ComparePage';
import { ExperimentsPage } from './runs/experiments/ExperimentsPage';
import { RegistryPage } from './registry/RegistryPage';
import { ComponentDetailPage } from './registry/ComponentDetailPage';
import { ComputePage } from './compute/ComputePage';
import { EndpointsPage } from './endpoints/EndpointsPage';
import { EndpointDetailPage } from './endpoints/EndpointDetailPage';
import { SchedulesPage } from './schedules/SchedulesPage';
import { TokensPage } from './tokens/TokensPage';
import { DatasetsPage } from './datasets/DatasetsPage';
import { DatasetDetailPage } from './datasets/DatasetDetailPage';
import { ModelsPage } from './models/ModelsPage';
import { ModelDetailPage } from './models/ModelDetailPage';
import { LineagePage } from './lineage/LineagePage';
import { DatastoresPage } from './datastores/DatastoresPage';
import { InferencePage } from './inference/InferencePage';
import { InferenceDetailPage } from './inference/InferenceDetailPage';
import { MembersPage } from './workspaces/MembersPage';

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route element={<RequireAuth />}>
        <Route element={<AppShell />}>
          <Route index element={<PipelinesPage />} />
          <Route path="pipelines" element={<PipelinesPage />} />
          <Route path="pipelines/:id" element={<DesignerPage />} />
          <Route path="pipelines/:id/versions/:number" element={<VersionPage />} />
          <Route path="runs" element={<RunsPage />} />
          <Route path="runs/compare" element={<ComparePage />} />
          <Route path="runs/:id" element={<RunPage />} />
          <Route path="runs/:id/compare-draft" element={<DraftDiffPage />} />
          <Route path="experiments" element={<ExperimentsPage />} />
          <Route path="registry" element={<RegistryPage />} />
          <Route path="registry/:name/:version?" element={<ComponentDetailPage />} />
          <Route path="compute" element={<ComputePage />} />
          <Route path="endpoints" element={<EndpointsPage />} />
          <Route path="endpoints/:name" element={<EndpointDetailPage />} />
          <Route path="inference" element={<InferencePage />} />
          <Route path="inference/:name" element={<InferenceDetailPage />} />
          <Route path="schedules" element={<SchedulesPage />} />
          <Route path="tokens" element={<TokensPage />} />
          <Route path="datasets" element={<DatasetsPage />} />
          <Route path="datasets/:name" element={<DatasetDetailPage />} />
          <Route path="models" element={<ModelsPage />} />
          <Route path="models/:name" element={<ModelDetailPage />} />
          <Route path="lineage" element={<LineagePage />} />
          <Route path="datastores" element={<DatastoresPage />} />
          <Route path="workspaces/:name/members" element={<MembersPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}

export function App({ queryClient }: { queryClient?: QueryClient }) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  return (
    <QueryClientProvider client={client}>
      <BrowserRouter>
        <AppRoutes />
      </BrowserRouter>
    </QueryClientProvider>
  );
}
