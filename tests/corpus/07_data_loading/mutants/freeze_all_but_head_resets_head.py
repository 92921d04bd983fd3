# mistake: re-initializes the head's layers while unfreezing them
# targets: test_freeze_all_but_head
# %% freeze_all_but_head
def freeze_all_but_head(model: nn.Module) -> int:
    model.requires_grad_(False)
    for module in model.fc.modules():
        if hasattr(module, "reset_parameters"):
            module.reset_parameters()
    model.fc.requires_grad_(True)
    return sum(p.numel() for p in model.parameters() if p.requires_grad)
