import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { hasRole, type Role, type User } from '@lianyan/shared';
import { ARCHIVE_PAGES, RECORDS_PAGES } from '@/utils/links';
import { ADMIN_ROLES } from '../navigation';

const ENTRIES: ReadonlyArray<{ key: string; title: string; hint: string; url: string; roles: readonly Role[] }> = [
  { key: 'sessions', title: '活动管理', hint: '发布教研活动，查看实时签到', url: '/packages/organizer/sessions/index', roles: ADMIN_ROLES },
  { key: 'new', title: '新建活动', hint: '填写时间、地点和参与范围', url: '/packages/organizer/edit/index', roles: ADMIN_ROLES },
  {
    key: 'organization',
    title: '组织架构',
    hint: '校联体、学校、核心校和学校位置',
    url: '/packages/admin/organization/index',
    roles: ['schoolAdmin', 'federationAdmin', 'districtAdmin'],
  },
  {
    key: 'people',
    title: '教师名册',
    hint: '添加、导入教师，办理离校',
    url: '/packages/admin/people/index',
    roles: ['schoolAdmin', 'federationAdmin', 'districtAdmin'],
  },
  {
    key: 'mentors',
    title: '师徒结对',
    hint: '登记本学年的师徒结对，查看记录并考核',
    url: '/packages/admin/mentors/index',
    roles: ['schoolAdmin', 'federationAdmin', 'districtAdmin'],
  },
  {
    key: 'groups',
    title: '中心教研组',
    hint: '按年级学科建组，指定组长和成员',
    url: '/packages/admin/groups/index',
    roles: ['federationAdmin', 'districtAdmin'],
  },
  {
    key: 'exchanges',
    title: '交流轮岗',
    hint: '交流教师名单、学期指标、考核与导出',
    url: '/packages/admin/exchanges/index',
    roles: ['organizer', 'schoolAdmin', 'federationAdmin', 'districtAdmin'],
  },
  {
    key: 'classes',
    title: '班级管理',
    hint: '本学年和下一学年的班级，家长按班级绑定',
    url: '/packages/admin/classes/index',
    roles: ['schoolAdmin', 'federationAdmin', 'districtAdmin'],
  },
  {
    key: 'invites',
    title: '邀请码',
    hint: '邀请教师、家长和管理员加入',
    url: '/packages/admin/invites/index',
    roles: ['schoolAdmin', 'federationAdmin', 'districtAdmin'],
  },
  { key: 'archive-reviews', title: '档案审核', hint: '审核本校教师提交的档案记录', url: ARCHIVE_PAGES.reviews, roles: ['schoolAdmin'] },
  { key: 'archive-school', title: '教师档案', hint: '学时、听课进度，导出 Excel', url: ARCHIVE_PAGES.school, roles: ['schoolAdmin'] },
  { key: 'campaigns', title: '打卡活动', hint: '发起打卡，查看完成情况并导出', url: '/packages/checkin/manage/index', roles: ADMIN_ROLES },
  {
    key: 'parent-school',
    title: '家长学校',
    hint: '家长参加情况与达标',
    url: '/packages/family/report/index',
    roles: ['schoolAdmin', 'federationAdmin', 'districtAdmin'],
  },
  { key: 'records-status', title: '活动档案情况', hint: '各场活动的照片、方案和心得是否齐全', url: RECORDS_PAGES.status, roles: ADMIN_ROLES },
  { key: 'observation-coverage', title: '听评课覆盖', hint: '本学期谁还没被听课，领导听课进度', url: '/packages/observe/coverage/index', roles: ['schoolAdmin', 'federationAdmin', 'districtAdmin'] },
  { key: 'observation-scales', title: '课堂观察量表', hint: '制定和修改听课用的量表', url: '/packages/observe/scales/index', roles: ['federationAdmin', 'districtAdmin'] },
  { key: 'access-trail', title: '访问记录', hint: '谁查看或导出了他人的个人信息', url: '/packages/admin/access-trail/index', roles: ['federationAdmin', 'districtAdmin'] },
  { key: 'reports', title: '考勤与考核报表', hint: '按学期查看出勤、指标完成和捆绑考核', url: '/packages/reports/index', roles: ['schoolAdmin', 'federationAdmin', 'districtAdmin'] },
];

export function AdminSection({ user }: { user: User }) {
  return (
    <View data-testid='section-admin'>
      <View className='tiles'>
        {ENTRIES.filter((entry) => hasRole(user.roles, entry.roles)).map((entry) => (
          <View
            key={entry.key}
            className='tile'
            hoverClass='tile--pressed'
            data-testid={`admin-${entry.key}`}
            onClick={() => void Taro.navigateTo({ url: entry.url })}
          >
            <Text className='tile__name'>{entry.title}</Text>
            <Text className='tile__hint'>{entry.hint}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
