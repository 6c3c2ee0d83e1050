import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Why a session stopped working before it expired. */
export enum SessionRevocation {
  LOGOUT = 'LOGOUT',
  LOGOUT_ALL = 'LOGOUT_ALL',
  REUSE_DETECTED = 'REUSE_DETECTED',
  PASSWORD_CHANGED = 'PASSWORD_CHANGED',
  PASSWORD_RESET = 'PASSWORD_RESET',
  /** The user ended it from their list of sessions (revokeSession). */
  REVOKED_BY_USER = 'REVOKED_BY_USER',
}

/**
 * One refresh token (only its SHA-256 is kept). A login starts a family; each rotation adds a row to
 * the family and points the old row at it (`replacedBy`). Presenting a replaced or revoked token
 * revokes the whole family (refresh-token reuse detection). The family id is the access token's `sid`.
 */
@Entity('session')
export class Session {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'user_id' })
  userId: string;

  @Column('uuid', { name: 'family_id' })
  familyId: string;

  @Column('char', { name: 'token_hash', length: 64 })
  tokenHash: string;

  /** `jti` of the access token issued with this refresh token, deny-listed if the family is revoked. */
  @Column('uuid', { name: 'access_token_id', nullable: true })
  accessTokenId: string | null;

  @Column({ type: 'timestamptz', name: 'access_token_expires_at', precision: 3, nullable: true })
  accessTokenExpiresAt: Date | null;

  @Column('varchar', { name: 'ip_address', length: 64, nullable: true })
  ipAddress: string | null;

  @Column('varchar', { name: 'user_agent', length: 512, nullable: true })
  userAgent: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'expires_at', precision: 3 })
  expiresAt: Date;

  @Column({ type: 'timestamptz', name: 'revoked_at', precision: 3, nullable: true })
  revokedAt: Date | null;

  @Column('varchar', { name: 'revoked_reason', length: 32, nullable: true })
  revokedReason: SessionRevocation | null;

  @Column('uuid', { name: 'replaced_by', nullable: true })
  replacedBy: string | null;
}
