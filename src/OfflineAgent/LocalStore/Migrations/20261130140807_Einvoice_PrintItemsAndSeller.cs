using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PosCloud.OfflineAgent.LocalStore.Migrations
{
    /// <inheritdoc />
    public partial class Einvoice_PrintItemsAndSeller : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "PrintItems",
                table: "orders",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "SellerName",
                table: "orders",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SellerTaxId",
                table: "orders",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PrintItems",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "SellerName",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "SellerTaxId",
                table: "orders");
        }
    }
}
