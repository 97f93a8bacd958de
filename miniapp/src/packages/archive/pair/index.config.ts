export default definePageConfig({
  navigationBarTitleText: '师徒结对',
});
