import { Alert, Button, Checkbox, Container, Group, Loader, Modal, NativeSelect, Paper, Radio, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { format } from 'date-fns';
import { ArrowLeft, CheckCircle2, FileText, PenLine, Printer } from 'lucide-react';
import { useEffect, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import type { User } from '../../db/api/auth';
import { consentSignInput, type ConsentPreview, type ConsentTemplate, type SignedConsent } from '../../db/api/consents';
import type { TreatmentType } from '../../db/api/fields';
import type { Patient } from '../../db/api/patients';
import { call, CommandError } from '../client';
import { checkInput, showProblems } from '../forms/command-form';
import { ConsentText } from './ConsentText';
import { dayOf, treatmentLabel } from './labels';
import { SignaturePadField } from './SignaturePadField';

interface SigningValues {
  photoConsent: '' | 'yes' | 'no';
  signedByName: string;
  signedOn: string;
  someoneElseSigns: boolean;
  guardianName: string;
  guardianRelationship: string;
  signature: string | null;
}

const fieldNames = ['photoConsent', 'signedByName', 'signedOn', 'guardianName', 'guardianRelationship', 'signature'] as const;
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The part handed to the patient: the form to read, the choices, the typed name and date, the signature. */
function PatientSigning({ preview, witnessUserId, onSigned, onStop, onReload }: {
  preview: ConsentPreview;
  witnessUserId: number | undefined;
  onSigned(c: SignedConsent): void;
  onStop(): void;
  onReload(): void;
}) {
  const [problem, setProblem] = useState<{ message: string; reload: boolean } | null>(null);
  const { register, handleSubmit, control, watch, setError, formState } = useForm<SigningValues>({
    defaultValues: {
      photoConsent: '',
      signedByName: '',
      signedOn: preview.signedOn,
      someoneElseSigns: preview.needsGuardian,
      guardianName: '',
      guardianRelationship: '',
      signature: null,
    },
  });
  const guardianSigns = watch('someoneElseSigns');
  const err = (k: keyof SigningValues) => formState.errors[k]?.message;

  const submit = handleSubmit(async (v) => {
    setProblem(null);
    if (v.photoConsent === '') {
      setError('photoConsent', { message: 'Please choose yes or no' });
      return;
    }
    try {
      const input = checkInput(consentSignInput, {
        patientId: preview.patient!.id,
        templateId: preview.template.id,
        signature: v.signature ?? '',
        signedByName: guardianSigns ? v.guardianName : v.signedByName,
        signedOn: v.signedOn,
        photoConsent: v.photoConsent === 'yes',
        ...(witnessUserId !== undefined && { witnessUserId }),
        ...(guardianSigns && { guardianName: v.guardianName, guardianRelationship: v.guardianRelationship }),
        shownTextHash: preview.textHash,
      });
      onSigned(await call('consents.sign', input));
    } catch (e) {
      if (e instanceof CommandError && e.code === 'conflict') {
        setProblem({ message: e.message, reload: true });
        return;
      }
      // A typed-name problem belongs next to whichever name box is showing.
      if (e instanceof CommandError && guardianSigns) {
        for (const i of e.issues) if (i.path === 'signedByName') i.path = 'guardianName';
      }
      const loose = showProblems(e, setError, fieldNames);
      if (loose) setProblem({ message: loose, reload: false });
    }
  });

  return (
    <Container size="md" py="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="lg">
          <Group justify="space-between" align="flex-start">
            <div>
              <Title order={1} size="h2">
                {preview.template.title}
              </Title>
              <Text size="lg" c="dimmed">
                For {preview.patient?.fullName} · please read the whole form before you sign
              </Text>
            </div>
            <Button variant="subtle" onClick={onStop}>
              Stop and hand back
            </Button>
          </Group>
          <Paper withBorder p="xl" radius="md" aria-label="Consent form text" component="section">
            <ConsentText text={preview.renderedText} size="lg" />
          </Paper>

          <Paper withBorder p="xl" radius="md">
            <Stack gap="lg">
              <Controller
                control={control}
                name="photoConsent"
                render={({ field }) => (
                  <Radio.Group
                    label="Photographs for my clinical record"
                    description="A separate choice: you can say no and still have the treatment."
                    size="lg"
                    value={field.value}
                    onChange={(v) => field.onChange(v)}
                    error={err('photoConsent')}
                  >
                    <Stack gap="sm" mt="sm">
                      <Radio value="yes" label="Yes, I agree to photographs for my clinical record" size="lg" />
                      <Radio value="no" label="No, I do not agree to photographs" size="lg" />
                    </Stack>
                  </Radio.Group>
                )}
              />

              {!preview.needsGuardian && <Checkbox size="md" label="Someone else signs for the patient (parent, guardian or legal representative)" {...register('someoneElseSigns')} />}
              {preview.needsGuardian && (
                <Alert color="blue" title="The patient is under 18">
                  A parent or legal guardian reads and signs this form for them.
                </Alert>
              )}
              {guardianSigns ? (
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <TextInput size="lg" label="Parent or guardian's full name" {...register('guardianName')} error={err('guardianName')} />
                  <TextInput size="lg" label="Relationship to the patient" placeholder="for example: mother" {...register('guardianRelationship')} error={err('guardianRelationship')} />
                </SimpleGrid>
              ) : (
                <TextInput size="lg" label="Your full name" description="Type your name as you sign it" {...register('signedByName')} error={err('signedByName')} />
              )}
              <TextInput size="lg" type="date" label="Date" w={240} {...register('signedOn')} error={err('signedOn')} />
              <Controller
                control={control}
                name="signature"
                render={({ field }) => <SignaturePadField label="Sign here" onChange={field.onChange} error={err('signature')} />}
              />
              {problem && (
                <Alert color="red" title="The consent was not signed">
                  <Stack gap="xs">
                    <Text>{problem.message}</Text>
                    {problem.reload && (
                      <Group>
                        <Button variant="white" color="red" onClick={onReload}>
                          Show the current form
                        </Button>
                      </Group>
                    )}
                  </Stack>
                </Alert>
              )}
              <Text size="lg">By signing you confirm what is written under “Your agreement” above.</Text>
              <Group>
                <Button type="submit" size="xl" leftSection={<PenLine size={22} />} loading={formState.isSubmitting}>
                  Sign the consent
                </Button>
              </Group>
            </Stack>
          </Paper>
        </Stack>
      </form>
    </Container>
  );
}

/** Front desk or practitioner: choose the form, then hand the screen to the patient to read and sign. */
export function SignConsent() {
  const { id } = useParams();
  const patientId = Number(id);
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const [patient, setPatient] = useState<Patient | null>(null);
  const [templates, setTemplates] = useState<ConsentTemplate[]>([]);
  const [staff, setStaff] = useState<User[]>([]);
  const [treatment, setTreatment] = useState<TreatmentType | ''>((search.get('treatment') as TreatmentType | null) ?? '');
  const [witness, setWitness] = useState('');
  const [preview, setPreview] = useState<ConsentPreview | null>(null);
  const [showing, setShowing] = useState(false);
  const [signed, setSigned] = useState<SignedConsent | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [round, setRound] = useState(0);

  useEffect(() => {
    Promise.all([call('patients.get', { id: patientId }), call('consents.templates.list', {}), call('users.list', {})])
      .then(([p, t, u]) => {
        setPatient(p);
        setTemplates(t.items);
        setStaff(u.items.filter((x) => x.active));
      })
      .catch((e: unknown) => setProblem(messageOf(e)));
  }, [patientId]);

  const template = templates.find((t) => t.treatmentType === treatment) ?? null;

  const show = async () => {
    if (!template) return;
    setProblem(null);
    try {
      const latest = (await call('consents.templates.list', { treatmentType: template.treatmentType })).items[0] ?? template;
      setPreview(await call('consents.templates.preview', { templateId: latest.id, patientId, signedOn: format(new Date(), 'yyyy-MM-dd') }));
      setRound((r) => r + 1);
      setShowing(true);
    } catch (e) {
      setProblem(messageOf(e));
    }
  };

  if (problem && !patient) return <Alert color="red">{problem}</Alert>;
  if (!patient) return <Loader aria-label="Loading" />;
  const fullName = `${patient.firstName} ${patient.lastName}`;

  return (
    <Stack maw={860}>
      <Group>
        <Button variant="subtle" leftSection={<ArrowLeft size={16} />} onClick={() => navigate(`/patients/${patient.id}`)}>
          {fullName}
        </Button>
      </Group>
      <Title order={1} size="h2">
        Consent for {fullName}
      </Title>
      {signed ? (
        <Paper withBorder p="lg">
          <Stack>
            <Group gap="xs">
              <CheckCircle2 color="var(--mantine-color-teal-7)" />
              <Text fw={600} size="lg">
                {treatmentLabel(signed.treatmentType)} consent signed
              </Text>
            </Group>
            <Text>
              Signed by {signed.signedByName} on {dayOf(signed.signedAt)}; valid until {dayOf(signed.expiresAt)}. Photographs: {signed.photoConsent ? 'agreed' : 'declined'}.
            </Text>
            <Group>
              <Button leftSection={<Printer size={18} />} onClick={() => navigate(`/consents/${signed.id}`)}>
                Print or save as PDF
              </Button>
              <Button variant="default" onClick={() => navigate(`/patients/${patient.id}`)}>
                Back to {patient.firstName}
              </Button>
            </Group>
          </Stack>
        </Paper>
      ) : (
        <Paper withBorder p="lg">
          <Stack>
            {problem && <Alert color="red">{problem}</Alert>}
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NativeSelect
                label="Treatment"
                value={treatment}
                onChange={(e) => setTreatment(e.currentTarget.value as TreatmentType)}
                data={[{ value: '', label: 'Choose a treatment…' }, ...templates.map((t) => ({ value: t.treatmentType, label: treatmentLabel(t.treatmentType) }))]}
              />
              <NativeSelect
                label="Witness (optional)"
                description="A staff member who watches the patient sign"
                value={witness}
                onChange={(e) => setWitness(e.currentTarget.value)}
                data={[{ value: '', label: 'No witness' }, ...staff.map((u) => ({ value: String(u.id), label: u.name }))]}
              />
            </SimpleGrid>
            {template && (
              <Text c="dimmed">
                <FileText size={14} style={{ verticalAlign: -2 }} /> {template.title}, version {template.version}, published {dayOf(template.publishedAt)}
              </Text>
            )}
            <Group>
              <Button size="lg" disabled={!template} onClick={() => void show()}>
                Show the form to the patient
              </Button>
              <Button variant="default" disabled={!template} leftSection={<Printer size={18} />} onClick={() => template && navigate(`/consent-forms/${template.id}/blank?patientId=${patient.id}`)}>
                Print an unsigned copy
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
      <Modal
        opened={showing}
        onClose={() => setShowing(false)}
        fullScreen
        withCloseButton={false}
        closeOnEscape={false}
        closeOnClickOutside={false}
        title={null}
        aria-label="Consent form for the patient"
        transitionProps={{ duration: 0 }}
      >
        {signed ? (
          <Container size="sm" py={80}>
            <Stack align="center" gap="lg">
              <CheckCircle2 size={64} color="var(--mantine-color-teal-7)" />
              <Title order={1} size="h2" ta="center">
                Thank you. Your consent is signed and saved.
              </Title>
              <Text size="xl" ta="center">
                Please hand the screen back to the staff member.
              </Text>
              <Button size="lg" variant="default" onClick={() => setShowing(false)}>
                Return to the staff screen
              </Button>
            </Stack>
          </Container>
        ) : (
          preview && (
            <PatientSigning
              key={round}
              preview={preview}
              witnessUserId={witness ? Number(witness) : undefined}
              onSigned={setSigned}
              onStop={() => setShowing(false)}
              onReload={() => void show()}
            />
          )
        )}
      </Modal>
    </Stack>
  );
}
