import { useEffect, useMemo, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidShow, useRouter } from '@tarojs/taro';
import type { User } from '@lianyan/shared';
import { BottomNav } from '../../components/BottomNav';
import { useSessionUser } from '../../hooks/useSessionUser';
import { refreshMe } from '../../services/me';
import { getAccessToken } from '../../services/session';
import { roleLabels } from '../../utils/labels';
import { GuestView } from './sections/GuestView';
import { HomeSection } from './sections/HomeSection';
import { MineSection } from './sections/MineSection';
import { AdminSection } from './sections/AdminSection';
import { ArchiveSection } from './sections/ArchiveSection';
import { CheckInSection } from './sections/CheckInSection';
import { FamilySection } from './sections/FamilySection';
import { SignInSection } from './sections/SignInSection';
import { sectionsFor, type SectionKey } from './navigation';
import { PrivacySheet } from '../../components/PrivacySheet';
import { checkPrivacyOnOpen } from '../../platform/privacy';
import './index.scss';

export default function Index() {
  const user = useSessionUser();
  return user ? <SignedInHome user={user} /> : <GuestView />;
}

function SignedInHome({ user }: { user: User }) {
  const { params } = useRouter();
  const sections = useMemo(() => sectionsFor(user.roles), [user.roles]);
  const [chosen, setChosen] = useState<SectionKey | undefined>(params.tab as SectionKey | undefined);
  const current = sections.find((s) => s.key === chosen)?.key ?? sections[0]?.key ?? 'mine';
  const labels = roleLabels(user.roles);

  // Roles can change elsewhere (an admin grants one); reload them whenever the page shows.
  useDidShow(() => {
    // Then, at first login or after our texts change, the privacy notice (once per launch).
    if (getAccessToken()) refreshMe().then(checkPrivacyOnOpen, () => undefined);
  });
  useEffect(() => {
    if (chosen && !sections.some((s) => s.key === chosen)) setChosen(undefined);
  }, [chosen, sections]);

  return (
    <View className='home' data-testid='home'>
      <PrivacySheet />
      <View className='home__header'>
        <Text className='home__greeting' data-testid='home-user-name'>
          你好，{user.name}
        </Text>
        <View className='home__roles'>
          {labels.length > 0 ? (
            labels.map((label) => (
              <Text key={label} className='home__role'>
                {label}
              </Text>
            ))
          ) : (
            <Text className='home__role home__role--none'>尚未绑定身份</Text>
          )}
        </View>
      </View>
      <View className='home__body'>
        <SectionContent section={current} user={user} onNavigate={setChosen} />
      </View>
      <BottomNav items={sections} current={current} onChange={setChosen} />
    </View>
  );
}

interface SectionContentProps {
  section: SectionKey;
  user: User;
  onNavigate: (key: SectionKey) => void;
}

function SectionContent({ section, user, onNavigate }: SectionContentProps) {
  switch (section) {
    case 'home':
      return <HomeSection user={user} onNavigate={onNavigate} />;
    case 'signIn':
      return <SignInSection />;
    case 'checkIn':
      return <CheckInSection user={user} />;
    case 'archive':
      return <ArchiveSection />;
    case 'family':
      return <FamilySection />;
    case 'admin':
      return <AdminSection user={user} />;
    case 'mine':
      return <MineSection user={user} />;
  }
}
