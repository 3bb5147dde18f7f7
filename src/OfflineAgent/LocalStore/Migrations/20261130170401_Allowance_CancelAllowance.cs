using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PosCloud.OfflineAgent.LocalStore.Migrations
{
    /// <inheritdoc />
    public partial class Allowance_CancelAllowance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AllowanceCancelApprovedBy",
                table: "returns",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AllowanceCancelErrors",
                table: "returns",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "AllowanceCancelId",
                table: "returns",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AllowanceCancelReason",
                table: "returns",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AllowanceCancelStaffId",
                table: "returns",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AllowanceCancelState",
                table: "returns",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "AllowanceCancelledAt",
                table: "returns",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "RefundTakenBack",
                table: "returns",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_returns_AllowanceCancelId",
                table: "returns",
                column: "AllowanceCancelId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_returns_AllowanceCancelId",
                table: "returns");

            migrationBuilder.DropColumn(
                name: "AllowanceCancelApprovedBy",
                table: "returns");

            migrationBuilder.DropColumn(
                name: "AllowanceCancelErrors",
                table: "returns");

            migrationBuilder.DropColumn(
                name: "AllowanceCancelId",
                table: "returns");

            migrationBuilder.DropColumn(
                name: "AllowanceCancelReason",
                table: "returns");

            migrationBuilder.DropColumn(
                name: "AllowanceCancelStaffId",
                table: "returns");

            migrationBuilder.DropColumn(
                name: "AllowanceCancelState",
                table: "returns");

            migrationBuilder.DropColumn(
                name: "AllowanceCancelledAt",
                table: "returns");

            migrationBuilder.DropColumn(
                name: "RefundTakenBack",
                table: "returns");
        }
    }
}
