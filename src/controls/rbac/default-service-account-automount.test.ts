import { testControl } from '../../testing/control-tester.js';
import control from './default-service-account-automount.js';

testControl(control, {
  valid: [
    { name: 'default with automount off', yaml: 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: default, namespace: shop}\nautomountServiceAccountToken: false\n' },
    { name: 'another ServiceAccount is not judged here', yaml: 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: app, namespace: shop}\n' },
  ],
  invalid: [
    {
      name: 'unset means true', yaml: 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: default, namespace: shop}\n',
      paths: [''], messages: [/unset: true/], lines: [1],
    },
    {
      name: 'explicitly true', yaml: 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: default, namespace: shop}\nautomountServiceAccountToken: true # fails\n',
      paths: ['automountServiceAccountToken'],
    },
  ],
});
