# mistake: a do-while loop (step, record, then test), so steps=0 still trains one step and returns its loss
# targets: test_fit
# %% fit
def fit(model: nn.Module, x: torch.Tensor, y: torch.Tensor, loss_fn, lr: float, momentum: float,
        steps: int) -> list[float]:
    optimizer = optim.SGD(model.parameters(), lr=lr, momentum=momentum)
    losses = []
    while True:
        loss = loss_fn(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
        if len(losses) >= steps:
            return losses
