# mistake: smooth_l1_loss with beta=delta is the Huber function divided by delta (0.5 x^2 / delta, |x| - delta / 2)
# targets: test_huber
# %% huber
def huber(x: torch.Tensor, delta: float) -> torch.Tensor:
    return torch.nn.functional.smooth_l1_loss(x, torch.zeros_like(x), reduction="none", beta=delta)
