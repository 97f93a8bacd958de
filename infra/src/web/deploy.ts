import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { CloudFrontClient, CreateInvalidationCommand } from '@aws-sdk/client-cloudfront';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { planUpload } from './upload-plan.ts';

// `npm run deploy:web -- --stage prod --region cn-northwest-1`: uploads the H5 build to the stage's web bucket and
// invalidates its HTML. The stack (`serverless deploy`) must exist; its outputs name the bucket and the distribution.
const { values } = parseArgs({
  options: {
    stage: { type: 'string', default: process.env.STAGE ?? 'dev' },
    region: { type: 'string', default: process.env.AWS_REGION ?? 'cn-northwest-1' },
    dir: { type: 'string', default: resolve(import.meta.dirname, '../../../miniapp/dist/h5') },
  },
});
const stackName = `lianyan-${values.stage}`;
const say = (line: string) => process.stdout.write(`${line}\n`);

async function stackOutputs(): Promise<Record<string, string>> {
  const cloudFormation = new CloudFormationClient({ region: values.region });
  const { Stacks } = await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }));
  const outputs = Stacks?.[0]?.Outputs ?? [];
  return Object.fromEntries(outputs.map((o) => [o.OutputKey ?? '', o.OutputValue ?? '']));
}

const outputs = await stackOutputs();
const bucket = outputs.WebBucketName;
const distributionId = outputs.WebDistributionId;
if (!bucket || !distributionId) throw new Error(`${stackName} has no WebBucketName / WebDistributionId output: run serverless deploy first`);

const plan = planUpload(values.dir);
if (!plan.uploads.some((u) => u.key === 'index.html')) throw new Error(`no index.html in ${values.dir}: run npm run build:h5 first`);

const s3 = new S3Client({ region: values.region });
for (const upload of plan.uploads) {
  await s3.send(new PutObjectCommand({
    Bucket: bucket,
    Key: upload.key,
    Body: readFileSync(upload.file),
    ContentType: upload.contentType,
    CacheControl: upload.cacheControl,
  }));
}
say(`uploaded ${plan.uploads.length} files to s3://${bucket} (files of earlier builds stay, for pages still open)`);

const cloudFront = new CloudFrontClient({ region: values.region });
const { Invalidation } = await cloudFront.send(new CreateInvalidationCommand({
  DistributionId: distributionId,
  InvalidationBatch: { CallerReference: `deploy-web-${Date.now()}`, Paths: { Quantity: plan.invalidate.length, Items: plan.invalidate } },
}));
say(`invalidated ${plan.invalidate.join(' ')} on ${distributionId} (${Invalidation?.Id ?? 'no id'}); served at https://${outputs.WebDistributionDomainName ?? distributionId}`);
